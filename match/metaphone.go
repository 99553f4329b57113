package match

// Metaphone returns the Metaphone code (Lawrence Philips, 1990) of an upper-case ASCII
// name, exactly as python3-jellyfish's metaphone (its C implementation, jellyfish 0.8)
// computes it, without truncation. Lower-case ASCII letters are folded to upper case; every
// other byte except the space is skipped, though it still counts as a position when the
// rules look at a letter's neighbours. A space is copied to the code, once per run of
// spaces (a skipped byte between two spaces leaves both) and never at its start, and the
// letter after it begins a new word (its vowel is kept), as jellyfish does; NormalizeName's
// separators therefore survive as spaces.
//
// The code's alphabet is B F H J K L M N P R S T W X Y, the vowels A E I O U (only at the
// start of a word), '0' for TH, and the space. The rules, letter by letter:
//
//   - At the start of the name, the first of AE, GN, KN, PN and WR is dropped, an X is
//     S, and WH is W.
//   - A letter equal to the next byte is dropped, so a doubled letter counts once (its last
//     copy, with that copy's neighbours); C is the exception, since CC may be KS.
//   - A vowel is kept only at the start of the name or just after a space.
//   - B is dropped after M at the end of the name (DUMB); otherwise B.
//   - C is X in CIA and CH (SCH too: jellyfish has no SK rule), S before I, E or Y, and
//     K otherwise.
//   - D is J before GE, GI or GY (the G is then silent), and T otherwise.
//   - G is silent before H unless a vowel follows the H (NIGHT, but GHOST is K), silent
//     before a final N (SIGN; jellyfish applies no GNED rule), silent in DGE, DGI and DGY;
//     it is J before I, E or Y, and K otherwise.
//   - H is kept at the start of the name, or before a vowel, unless it follows C, S, P or
//     T, whose own rules have sounded it.
//   - K is silent after C; PH is F; Q is K; V is F; Z is S; X is KS.
//   - S is X in SH, SIO and SIA; T is X in TIA and TIO, 0 in TH and silent in TCH.
//   - W and Y are kept only before a vowel.
//   - F, J, L, M, N and R are themselves.
//
// It allocates only the returned code (for names up to 64 bytes of code).
func Metaphone(s string) string {
	var kbuf [64]byte
	key := kbuf[:0]
	n := len(s)
	i := 0
	if n >= 2 {
		switch mpAt(s, 0, n) {
		case 'A':
			if mpAt(s, 1, n) == 'E' {
				s, n = s[1:], n-1
			}
		case 'G', 'K', 'P':
			if mpAt(s, 1, n) == 'N' {
				s, n = s[1:], n-1
			}
		case 'W':
			switch mpAt(s, 1, n) {
			case 'R':
				s, n = s[1:], n-1
			case 'H':
				key = append(key, 'W')
				i = 2
			}
		}
	}
	for ; i < n; i++ {
		c := mpAt(s, i, n)
		next := mpAt(s, i+1, n)
		if c == ' ' {
			if next != ' ' && len(key) > 0 {
				key = append(key, ' ')
			}
			continue
		}
		if c < 'A' || c > 'Z' || c == next && c != 'C' {
			continue
		}
		prev := mpAt(s, i-1, n)
		if c == 'X' && i == 0 {
			c = 'S' // an initial X is an S, though its neighbours still see an X
		}
		switch c {
		case 'A', 'E', 'I', 'O', 'U':
			if i == 0 || prev == ' ' {
				key = append(key, c)
			}
		case 'B':
			if prev != 'M' || i+1 < n {
				key = append(key, 'B')
			}
		case 'C':
			after := mpAt(s, i+2, n)
			switch {
			case next == 'I' && after == 'A', next == 'H':
				key = append(key, 'X')
			case next == 'I', next == 'E', next == 'Y':
				key = append(key, 'S')
				i++ // a Y after C is not heard again
			default:
				key = append(key, 'K')
			}
		case 'D':
			if after := mpAt(s, i+2, n); next == 'G' && (after == 'E' || after == 'I' || after == 'Y') {
				key = append(key, 'J')
				i += 2 // the G and the vowel (or Y) after it are spent
			} else {
				key = append(key, 'T')
			}
		case 'G':
			switch next {
			case 'H':
				if mpVowel(mpAt(s, i+2, n)) {
					key = append(key, 'K')
				}
			case 'N':
				if i+2 < n {
					key = append(key, 'K')
				} else {
					i++ // a final GN is silent
				}
			case 'I', 'E', 'Y':
				key = append(key, 'J')
			default:
				key = append(key, 'K')
			}
		case 'H':
			if (i == 0 || mpVowel(next)) && prev != 'C' && prev != 'S' && prev != 'P' && prev != 'T' {
				key = append(key, 'H')
			}
		case 'K':
			if prev != 'C' {
				key = append(key, 'K')
			}
		case 'P':
			if next == 'H' {
				key = append(key, 'F')
			} else {
				key = append(key, 'P')
			}
		case 'Q':
			key = append(key, 'K')
		case 'S':
			if after := mpAt(s, i+2, n); next == 'H' || next == 'I' && (after == 'O' || after == 'A') {
				key = append(key, 'X')
			} else {
				key = append(key, 'S')
			}
		case 'T':
			after := mpAt(s, i+2, n)
			switch {
			case next == 'I' && (after == 'O' || after == 'A'):
				key = append(key, 'X')
			case next == 'H':
				key = append(key, '0')
			case next == 'C' && after == 'H':
			default:
				key = append(key, 'T')
			}
		case 'V':
			key = append(key, 'F')
		case 'W', 'Y':
			if mpVowel(next) {
				key = append(key, c)
			}
		case 'X':
			key = append(key, 'K', 'S')
		case 'Z':
			key = append(key, 'S')
		default: // F J L M N R
			key = append(key, c)
		}
	}
	return string(key)
}

// mpAt returns the byte at i of s[:n], folded to upper case, or 0 outside the string.
func mpAt(s string, i, n int) byte {
	if i < 0 || i >= n {
		return 0
	}
	c := s[i]
	if c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	return c
}

func mpVowel(c byte) bool {
	return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'
}
