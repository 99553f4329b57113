// Package match links petition lines to voters on the roll: name and address
// normalisation, string similarity, a nickname table, and SimpleLinker, a blocking
// linker over (ZIP, house number) and (last name, given-name group).
//
// The package is pure: it reads nothing but its own embedded nickname table.
package match
