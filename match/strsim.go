package match

// JaroWinkler returns the Jaro-Winkler similarity of a and b in [0, 1], compared byte by
// byte: the definition pinned is python3-jellyfish's jaro_winkler_similarity (match window
// max(len)/2-1, prefix scale 0.1, at most 4 prefix bytes, boost applied only when the Jaro
// similarity exceeds 0.7, no long-string adjustment), checked against it by
// TestStringMetricsAgainstJellyfish. It does not
// allocate when both strings are at most 64 bytes long.
//
// Both metrics read at most maxCompare bytes of each string (see bound): their work grows
// with the square of the length, and no input may make a comparison cost more than a
// bounded amount, however long a field someone stores.
func JaroWinkler(a, b string) float64 {
	a, b = bound(a), bound(b)
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	p := 0
	for p < 4 && p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return j + float64(p)*0.1*(1-j)
}

func jaro(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		if la == 0 && lb == 0 {
			return 1
		}
		return 0
	}
	if a == b {
		return 1
	}
	var bufA, bufB [64]bool
	var ma, mb []bool
	if la <= 64 {
		ma = bufA[:la]
	} else {
		ma = make([]bool, la)
	}
	if lb <= 64 {
		mb = bufB[:lb]
	} else {
		mb = make([]bool, lb)
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	matches := 0
	for i := 0; i < la; i++ {
		lo := max(0, i-window)
		hi := min(lb-1, i+window)
		for k := lo; k <= hi; k++ {
			if !mb[k] && a[i] == b[k] {
				ma[i], mb[k] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	trans := 0
	k := 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			trans++
		}
		k++
	}
	m := float64(matches)
	return (m/float64(la) + m/float64(lb) + (m-float64(trans/2))/m) / 3
}

// DamerauLevenshtein returns the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of adjacent bytes, no
// substring edited twice), compared byte by byte. It does not allocate when both
// strings are at most 64 bytes long.
func DamerauLevenshtein(a, b string) int {
	if a == b {
		return 0
	}
	// Beyond maxCompare bytes every byte counts as an edit: an upper bound of the distance.
	extra := max(len(a), len(b)) - max(len(bound(a)), len(bound(b)))
	a, b = bound(a), bound(b)
	return damerauLevenshtein(a, b) + extra
}

// maxCompare is the most bytes of a string the metrics read: more than any name or street
// (a field holds at most 200 characters; csvfile refuses longer ones).
const maxCompare = 256

// bound is s cut to maxCompare bytes.
func bound(s string) string {
	if len(s) > maxCompare {
		return s[:maxCompare]
	}
	return s
}

func damerauLevenshtein(a, b string) int {
	la, lb := len(a), len(b)
	if la == 0 {
		return lb
	}
	if lb == 0 {
		return la
	}
	var b0, b1, b2 [65]int
	var prev2, prev, cur []int
	if lb <= 64 {
		prev2, prev, cur = b0[:lb+1], b1[:lb+1], b2[:lb+1]
	} else {
		prev2, prev, cur = make([]int, lb+1), make([]int, lb+1), make([]int, lb+1)
	}
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}
