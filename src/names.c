/*
 * names.c - names as people type them: one person, one worker.
 *
 * A name is compared after every Unicode space (a no-break space from a
 * web form, a tab, a line break typed in the cell) has become one plain
 * space, runs of spaces have become
 * one, the ends are trimmed, and the text is in NFC.  Letter case is kept:
 * two names that differ only in case are two workers, and the engine warns
 * about them (cl_casefold gives the key it compares).
 *
 * Also here: the words that mark a total row in an export ("I alt",
 * "Summa", ...).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "internal.h"

/* Whether cp is a space in a name: U+0020, TAB, a line break (Alt+Enter
 * in an Excel cell: CR, LF), and Unicode's spaces and line and paragraph
 * separators (Zs, Zl, Zp). */
static int
is_space(uint32_t cp)
{
	utf8proc_category_t c;

	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n')
		return 1;
	if (cp < 0x80)
		return 0;
	c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
	    c == UTF8PROC_CATEGORY_ZP;
}

int
cl_name_is_plain(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || c == '\t' || c == '\r' || c == '\n' ||
		    (c == ' ' && (i == 0 || i + 1 == len || s[i + 1] == ' ')))
			return 0;
	}
	return 1;
}

int
cl_name_normal(struct cl_buf *b, struct cl_buf *tmp, const char *s,
    size_t len)
{
	size_t i = 0;
	int pending = 0;

	tmp->len = 0;
	cl_buf_reserve(tmp, len);
	while (i < len) {
		uint32_t cp;
		size_t n = cl_utf8_decode(s + i, len - i, &cp);

		if ((unsigned char)s[i] < 0x80)
			cp = (unsigned char)s[i], n = 1;
		if (is_space(cp)) {
			pending = tmp->len > 0;
		} else {
			if (pending)
				cl_buf_putc(tmp, ' ');
			pending = 0;
			cl_buf_append(tmp, s + i, n);
		}
		i += n;
	}
	cl_buf_putc(tmp, '\0');
	tmp->len--;
	return cl_nfc(b, tmp->data, tmp->len);
}

void
cl_casefold(struct cl_buf *b, const char *s, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;

	b->len = 0;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &folded, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			cl_out_of_memory();
		cl_buf_append(b, s, len);
		cl_buf_putc(b, '\0');
		b->len--;
		return;
	}
	cl_buf_append(b, folded, (size_t)n);
	cl_buf_putc(b, '\0');
	b->len--;
	free(folded);
}

/* The words of a total row, as people write them in Danish, Swedish and
 * English exports, and as Excel's Subtotal writes the grand total; then
 * those of a row that counts or averages (Excel's Subtotal with Count or
 * Average: "Mette Hansen Count", "Hovedantal"), whose figure is no sum of
 * points.  Every one begins with a letter cl_total_word_may knows. */
static const char *const total_words[] = { "i alt", "ialt", "total",
	"totalt", "totals", "totaler", "grand total", "sum", "summa", "samlet",
	"subtotal", "hovedtotal", "totalsumma", "delsum", "delsumma",
	"deltotal", "hovedsum", "slutsum", "slutsumma", "sammanlagt",
	"tilsammen", "summering", NULL };
static const char *const count_words[] = { "count", "antal",
	"hovedantal", "average", "gennemsnit", "genomsnitt", "middel",
	"hovedmiddel", "medel", "medelv\xc3\xa4rde", NULL };

/* Which form of a word of `words` s is: CL_TOTAL_WORD(S), or 0. */
static int
word_of(const char *const *words, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ':' || s[len - 1] == '.' ||
	    s[len - 1] == ' '))
		len--;
	for (const char *const *w = words; *w != NULL; w++) {
		size_t n = strlen(*w);

		if (len >= n && strncasecmp(s, *w, n) == 0 &&
		    (len == n || s[n] == ' '))
			return len == n ? CL_TOTAL_WORD : CL_TOTAL_WORDS;
		/* Excel's Subtotal: "Mette Hansen I alt", "Åsa Lind Summa" */
		if (len > n + 1 && s[len - n - 1] == ' ' &&
		    strncasecmp(s + len - n, *w, n) == 0)
			return CL_TOTAL_WORDS;
	}
	return 0;
}

int
cl_total_word(const char *s, size_t len)
{
	int kind = word_of(total_words, s, len);

	return kind ? kind : word_of(count_words, s, len);
}

int
cl_total_counts(const char *s, size_t len)
{
	return word_of(count_words, s, len) != 0;
}
