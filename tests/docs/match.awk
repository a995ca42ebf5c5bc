# Compares the actual output (the input) with the example as written (the
# file named by `expected`), where a line that is just "..." matches any
# number of lines.  Exits 0 when they match.

BEGIN {
	ne = 0
	while ((getline l < expected) > 0)
		e[++ne] = l
}

{ a[++na] = $0 }

END {
	# The usual wildcard match, backtracking only to the last "...".
	i = 1; j = 1; star = 0; mark = 0
	while (j <= na) {
		if (i <= ne && e[i] == "...") {
			star = i++; mark = j
		} else if (i <= ne && e[i] == a[j]) {
			i++; j++
		} else if (star) {
			i = star + 1; j = ++mark
		} else {
			exit 1
		}
	}
	while (i <= ne && e[i] == "...")
		i++
	exit !(i > ne)
}
