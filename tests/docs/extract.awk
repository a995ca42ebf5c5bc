# Extracts the examples of one document for tests/docs/run.sh (which says
# what an example is).  Variables: out (a directory), doc (the file's name).
# Writes out/N.sh, out/N.expected and out/N.line for the Nth example.

BEGIN {
	man = (doc ~ /\.[1-9]$/)
	D = "__CASELOAD_DOC__"
	glyph[":o"] = "ö"; glyph[":O"] = "Ö"; glyph[":a"] = "ä"; glyph[":A"] = "Ä"
	glyph[":u"] = "ü"; glyph[":U"] = "Ü"; glyph["oa"] = "å"; glyph["oA"] = "Å"
	glyph["/o"] = "ø"; glyph["/O"] = "Ø"; glyph["ae"] = "æ"; glyph["AE"] = "Æ"
	glyph["'e"] = "é"; glyph["mi"] = "−"; glyph["mu"] = "×"; glyph["->"] = "→"
	glyph["<-"] = "←"; glyph["em"] = "—"; glyph["en"] = "–"; glyph["hy"] = "-"
	glyph["dq"] = "\""; glyph["aq"] = "'"; glyph["rs"] = "\\"; glyph["ti"] = "~"
	glyph["ha"] = "^"; glyph["ga"] = "`"; glyph["bu"] = "•"
	nblocks = 0
	bad = 0
}

function fail(msg) {
	printf "--- %s:%d: %s\n", doc, FNR, msg
	bad = 1
}

# The text a roff line shows in a literal block.
function unroff(s,    i, r, c, name, cl) {
	r = ""
	while ((i = index(s, "\\")) > 0) {
		r = r substr(s, 1, i - 1)
		c = substr(s, i + 1, 1)
		if (c == "e" || c == "\\") {
			r = r "\\"; s = substr(s, i + 2)
		} else if (c == "&") {
			s = substr(s, i + 2)
		} else if (c == "-") {
			r = r "-"; s = substr(s, i + 2)
		} else if (c == "(" || c == "[") {
			if (c == "(") {
				name = substr(s, i + 2, 2); s = substr(s, i + 4)
			} else {
				cl = index(substr(s, i + 2), "]")
				name = substr(s, i + 2, cl - 1); s = substr(s, i + 2 + cl)
			}
			if (!(name in glyph))
				fail("unknown roff character \\(" name " in an example: add it to tests/docs/extract.awk")
			r = r glyph[name]
		} else {
			fail("unknown roff escape \\" c " in an example")
			s = substr(s, i + 2)
		}
	}
	return r s
}

function start_block() {
	inblock = 1; nlines = 0; first = FNR + 1
}

function add_line(s) {
	raw[nlines + 1] = $0
	lines[++nlines] = s
}

# A command is a "$ " line and the lines it continues onto with "\".
function end_block(    i, j, k, m, f, cmd, name) {
	inblock = 0
	if (nlines == 0 || substr(lines[1], 1, 2) != "$ ")
		return
	if (man)
		for (i = 1; i <= nlines; i++)
			if (raw[i] ~ /^\./)
				fail("a roff request inside an example (block from line " first ")")
	f = sprintf("%s/%04d", out, ++nblocks)
	print first > (f ".line"); close(f ".line")
	for (i = 1; i <= nlines; i++)
		print lines[i] > (f ".expected")
	close(f ".expected")
	i = 1
	while (i <= nlines) {
		if (substr(lines[i], 1, 2) != "$ ") {
			i++
			continue
		}
		# The command's lines are i..j.
		j = i
		while (j < nlines && lines[j] ~ /\\$/)
			j++
		# Its output is j+1..k-1.
		k = j + 1
		while (k <= nlines && substr(lines[k], 1, 2) != "$ ")
			k++
		cmd = substr(lines[i], 3)
		if (i == j && cmd ~ /^cat [^ \/'"$;|&<>*?]+$/) {
			name = substr(cmd, 5)
			print "cat >'" name "' <<'" D "'" > (f ".sh")
			for (m = j + 1; m < k; m++)
				print lines[m] > (f ".sh")
			print D > (f ".sh")
		}
		print "cat <<'" D "'" > (f ".sh")
		for (m = i; m <= j; m++)
			print lines[m] > (f ".sh")
		print D > (f ".sh")
		print cmd > (f ".sh")
		for (m = i + 1; m <= j; m++)
			print lines[m] > (f ".sh")
		i = k
	}
	close(f ".sh")
}

man && /^\.Bd -literal/ { start_block(); next }
man && inblock && /^\.Ed/ { end_block(); next }
man && inblock { add_line(unroff($0)); next }
man { next }

# Markdown: fenced code blocks.
!inblock && /^(   |  | )?(```|~~~)/ {
	match($0, /^ */)
	fence_indent = RLENGTH
	rest = substr($0, fence_indent + 1)
	match(rest, /^(`+|~+)/)
	fence = substr(rest, 1, RLENGTH)
	start_block()
	next
}
inblock {
	line = $0
	t = line
	sub(/^ +/, "", t)
	sub(/[ \t]+$/, "", t)
	match(line, /^ */)
	if (substr(t, 1, length(fence)) == fence && t ~ /^(`+|~+)$/ &&
	    RLENGTH <= fence_indent + 3) {
		end_block()
		next
	}
	for (c = 0; c < fence_indent && substr(line, 1, 1) == " "; c++)
		line = substr(line, 2)
	add_line(line)
	next
}
/^    +\$ (build\/)?caseload/ {
	fail("an example in an indented block is not run: fence it with ```")
}

END {
	if (inblock)
		fail("a block is not closed")
	exit bad
}
