// Package match links petition lines to voters on the roll: name and address
// normalisation, string similarity (Jaro-Winkler, optimal string alignment, NYSIIS), a
// nickname table, SimpleLinker (simple-v1, rule-based blocking and scoring) and Engine
// (fs-v1, Fellegi–Sunter weights with EM-estimated m probabilities, term-frequency
// adjustment and two thresholds from posterior match probabilities).
//
// The package is pure: it reads nothing but its own embedded nickname table.
package match
