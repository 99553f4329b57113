package match

// NYSIIS returns the New York State Identification and Intelligence System phonetic code
// of an upper-case ASCII name, exactly as python3-jellyfish's nysiis (its C implementation,
// jellyfish 0.8) computes it, without truncation to six letters. Bytes other than A–Z are treated like consonants that match
// no rule. It allocates only the returned code.
func NYSIIS(s string) string {
	if s == "" {
		return ""
	}
	var sbuf [64]byte
	b := append(sbuf[:0], s...)
	// Step 1: prefixes.
	switch {
	case hasPrefix(b, "MAC"):
		b[1], b[2] = 'C', 'C'
	case hasPrefix(b, "KN"):
		b = b[1:]
	case hasPrefix(b, "K"):
		b[0] = 'C'
	case hasPrefix(b, "PH"), hasPrefix(b, "PF"):
		b[0], b[1] = 'F', 'F'
	case hasPrefix(b, "SCH"):
		b[0], b[1], b[2] = 'S', 'S', 'S'
	}
	// Step 2: suffixes.
	if n := len(b); n >= 2 {
		t := string(b[n-2:])
		switch t {
		case "IE", "EE":
			b = append(b[:n-2], 'Y')
		case "DT", "RT", "RD", "NT", "ND":
			b = append(b[:n-2], 'D')
		}
	}
	var kbuf [64]byte
	key := append(kbuf[:0], b[0])
	isVowel := func(c byte) bool { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' }
	n := len(b)
	for i := 1; i < n; i++ {
		c := b[i]
		var ch0, ch1 byte // the translation: one byte, or two when ch1 != 0
		ch0 = c
		switch {
		case c == 'E' && i+1 < n && b[i+1] == 'V':
			ch0, ch1 = 'A', 'F'
			i++
		case isVowel(c):
			ch0 = 'A'
		case c == 'Q':
			ch0 = 'G'
		case c == 'Z':
			ch0 = 'S'
		case c == 'M':
			ch0 = 'N'
		case c == 'K':
			if i+1 < n && b[i+1] == 'N' {
				ch0 = 'N'
			} else {
				ch0 = 'C'
			}
		case c == 'S' && i+2 < n && b[i+1] == 'C' && b[i+2] == 'H':
			ch0, ch1 = 'S', 'S'
			i += 2
		case c == 'P' && i+1 < n && b[i+1] == 'H':
			ch0 = 'F'
			i++
		case c == 'H' && (!isVowel(b[i-1]) || i+1 < n && !isVowel(b[i+1]) || i+1 == n):
			if isVowel(b[i-1]) {
				ch0 = 'A'
			} else {
				ch0 = b[i-1]
			}
		case c == 'W' && isVowel(b[i-1]):
			ch0 = b[i-1]
		}
		// jellyfish's C implementation appends a two-letter translation (AF, SS) always
		// and a one-letter one when it differs from the key's last letter.
		if ch1 != 0 || ch0 != key[len(key)-1] {
			key = append(key, ch0)
			if ch1 != 0 {
				key = append(key, ch1)
			}
		}
	}
	k := len(key)
	// A trailing S is dropped, or else a trailing AY becomes Y (as jellyfish's C code does).
	if k > 1 && key[k-1] == 'S' {
		k--
	} else if k >= 2 && key[k-2] == 'A' && key[k-1] == 'Y' {
		key[k-2] = 'Y'
		k--
	}
	if k > 1 && key[k-1] == 'A' {
		k--
	}
	return string(key[:k])
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}
