// Prints the Unicode class names Go's regexp accepts in \p{…}, in the canonical form Go looks them up by
// (src/validation/go-unicode-classes.ts holds the list): go run tools/go-unicode-classes/main.go
package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

func canonicalName(name string) string {
	var b []byte
	first := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-' || c == ' ':
			continue
		case first:
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			first = false
		default:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
		}
		b = append(b, c)
	}
	return string(b)
}

func main() {
	set := map[string]bool{"Any": true, "Assigned": true, "Ascii": true, "Lc": true}
	for k := range unicode.Categories {
		set[k] = true
	}
	for k := range unicode.Scripts {
		set[k] = true
	}
	for k := range unicode.CategoryAliases {
		set[canonicalName(k)] = true
	}
	var names []string
	for k := range set {
		// Keep only what Go really accepts, looked up as Go looks it up.
		if _, err := regexp.Compile(`\p{` + k + `}`); err == nil {
			names = append(names, canonicalName(k))
		}
	}
	sort.Strings(names); names = dedupe(names)
	fmt.Println(strings.Join(names, " "))
}

func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || s[i-1] != v {
			out = append(out, v)
		}
	}
	return out
}
