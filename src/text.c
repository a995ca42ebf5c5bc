/*
 * text.c - UTF-8 and Windows-1252, display width, and safe quoting of
 * names for terminals and messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

size_t
cl_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (len == 0) {
		*cp = 0xfffd;
		return 0;
	}
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (len < n) {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates and values past U+10FFFF */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = c;
	return n;
}

size_t
cl_utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = cl_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xfffd && n == 1)
			return i;
		i += n;
	}
	return len;
}

int
cl_nfc(struct cl_buf *b, const char *s, size_t len)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	int changed;

	b->len = 0;
	if (!cl_has_non_ascii(s, len)) {
		cl_buf_append(b, s, len);
		return 0;
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			cl_out_of_memory();
		cl_buf_append(b, s, len);	/* invalid text stays as it is */
		return 0;
	}
	cl_buf_append(b, nfc, (size_t)n);
	free(nfc);
	changed = (size_t)n != len || memcmp(b->data, s, len) != 0;
	return changed;
}

int
cl_has_non_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

int
cl_excel_shortened(const char *s, size_t len)
{
	size_t i = 0, digits;

	for (digits = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		for (digits = 0, i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (digits == 0)
			return 0;
	}
	if (len - i < 3 || (s[i] != 'E' && s[i] != 'e') || s[i + 1] != '+')
		return 0;
	for (i += 2; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i == len && s[len - 1] != '+';
}

void
cl_utf8_encode(struct cl_buf *b, uint32_t cp)
{
	char out[4];
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f)); n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
	} else {
		out[0] = (char)(0xf0 | cp >> 18);
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
	}
	cl_buf_append(b, out, n);
}

/* 0x80..0x9f in Windows-1252; the five unassigned bytes map to C1 controls
 * as the WHATWG Encoding Standard does. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

void
cl_cp1252_to_utf8(struct cl_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80)
			cl_buf_putc(b, (char)c);
		else if (c < 0xa0)
			cl_utf8_encode(b, cp1252_high[c - 0x80]);
		else
			cl_utf8_encode(b, c);
	}
}

struct range {
	uint32_t first, last;
};

static int
in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Combining marks and other zero-width characters (the common blocks). */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
	{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x206f },
	{ 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff },
};

/* East Asian wide and fullwidth characters, and emoji. */
static const struct range double_width[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

int
cl_codepoint_width(uint32_t cp)
{
	if (in_ranges(cp, zero_width, sizeof zero_width / sizeof *zero_width))
		return 0;
	if (in_ranges(cp, double_width,
	    sizeof double_width / sizeof *double_width))
		return 2;
	return 1;
}

static int
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* Bidirectional embeddings, overrides and isolates: they reorder what
 * follows them on screen, so a name could disguise itself. */
static int
is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
	    || cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

size_t
cl_text_for_terminal(struct cl_buf *b, const char *s)
{
	size_t len = strlen(s), i = 0, width = 0;
	char esc[16];

	while (i < len) {
		uint32_t cp;
		size_t n = cl_utf8_decode(s + i, len - i, &cp);
		int w;

		if (cp == 0xfffd && n == 1) {
			w = snprintf(esc, sizeof esc, "\\x%02x",
			    (unsigned char)s[i]);
			cl_buf_append(b, esc, (size_t)w);
		} else if (is_control(cp)) {
			w = snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
			cl_buf_append(b, esc, (size_t)w);
		} else if (is_bidi_control(cp)) {
			w = snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
			cl_buf_append(b, esc, (size_t)w);
		} else {
			cl_buf_append(b, s + i, n);
			w = cl_codepoint_width(cp);
		}
		width += (size_t)w;
		i += n;
	}
	return width;
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * Whether s[i..] starts a personal identity number, not glued to other
 * digits: 10 digits, a '-' or '+' allowed after the sixth (Danish CPR
 * DDMMYY-NNNN, Swedish YYMMDD-NNNN), or 12 digits starting 19 or 20, a
 * '-' allowed after the eighth (Swedish YYYYMMDD-NNNN).  Returns its
 * length and in *date how many leading bytes (the date) stay visible.
 */
static size_t
cpr_at(const char *s, size_t len, size_t i, size_t *date)
{
	size_t j = i, digits = 0;
	const char *d;

	if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		return 0;
	while (j < len && digits < 12) {
		if (s[j] >= '0' && s[j] <= '9') {
			digits++;
			j++;
		} else if ((s[j] == '-' || s[j] == '+') && j > i &&
		    s[j - 1] != '-' && s[j - 1] != '+' && j + 1 < len &&
		    s[j + 1] >= '0' && s[j + 1] <= '9' && (digits == 6 ||
		    (digits == 8 && s[j] == '-'))) {
			j++;
		} else {
			break;
		}
	}
	if (j < len && s[j] >= '0' && s[j] <= '9')
		return 0;
	d = s + i;
	if (digits == 12 && j - i >= 12 && (j - i == 12 || d[8] == '-') &&
	    (two(d) == 19 || two(d) == 20) && two(d + 4) >= 1 &&
	    two(d + 4) <= 12 && ((two(d + 6) >= 1 && two(d + 6) <= 31) ||
	    (two(d + 6) >= 61 && two(d + 6) <= 91))) {
		*date = 8;
		return j - i;
	}
	/* 10 digits, a separator only after the sixth */
	if (digits != 10 || (j - i == 11 && d[6] != '-' && d[6] != '+'))
		return 0;
	if (two(d + 2) < 1 || two(d + 2) > 12)
		return 0;
	if (!(two(d) >= 1 && two(d) <= 31) && !(two(d + 4) >= 1 &&
	    two(d + 4) <= 31) && !(two(d + 4) >= 61 && two(d + 4) <= 91))
		return 0;
	*date = 6;
	return j - i;
}

static void
clip(struct cl_buf *b, const char *s, size_t len, int quoted)
{
	size_t i = 0, chars = 0;
	char esc[16];

	while (i < len) {
		uint32_t cp;
		size_t n, date = 0, cpr = cpr_at(s, len, i, &date);

		if (chars >= 40) {
			cl_buf_append(b, "...", 3);
			return;
		}
		if (cpr && chars + date + 5 > 40) {
			cl_buf_append(b, "...", 3);
			return;
		}
		if (cpr) {
			/* keep the birth date, hide the serial number */
			cl_buf_append(b, s + i, date);
			cl_buf_append(b, "-XXXX", 5);
			i += cpr;
			chars += date + 5;
			continue;
		}
		n = cl_utf8_decode(s + i, len - i, &cp);
		if ((cp == 0xfffd && n == 1) || is_control(cp) ||
		    is_bidi_control(cp)) {
			int w = cp == 0xfffd && n == 1
			    ? snprintf(esc, sizeof esc, "\\x%02x",
				(unsigned char)s[i])
			    : snprintf(esc, sizeof esc,
				cp < 0x100 ? "\\x%02x" : "\\u%04x",
				(unsigned)cp);
			cl_buf_append(b, esc, (size_t)w);
		} else if (quoted && (cp == '"' || cp == '\\')) {
			cl_buf_putc(b, '\\');
			cl_buf_putc(b, (char)cp);
		} else {
			cl_buf_append(b, s + i, n);
		}
		i += n;
		chars++;
	}
}

/* One code point as names are compared: ASCII and Latin-1 capitals
 * (Æ Ø Å Ä Ö, not ×) lowered, ' ' and '-' read as '_'. */
static uint32_t
fold(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde &&
	    cp != 0xd7))
		return cp + 0x20;
	if (cp == ' ' || cp == '-')
		return '_';
	return cp;
}

/* s[*start..*end) without surrounding spaces and tabs. */
static void
trim(const char *s, size_t *start, size_t *end)
{
	while (*end > *start && (s[*end - 1] == ' ' || s[*end - 1] == '\t'))
		(*end)--;
	while (*start < *end && (s[*start] == ' ' || s[*start] == '\t'))
		(*start)++;
}

size_t
cl_space_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 1 && *u == ' ')
		return 1;
	if (len >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf)
		return 3;
	return 0;
}

/* The length of the blank at s[0..len): a space (cl_space_len), a tab,
 * CR or LF, or a byte-order mark (U+FEFF); 0 for none. */
static size_t
header_blank(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 1 && (*u == '\t' || *u == '\r' || *u == '\n'))
		return 1;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;
	return cl_space_len(s, len);
}

/* s[*start..*end) without the blanks (header_blank) around it: a header
 * cell as Excel may save it, with a line break typed in it or a no-break
 * space, or a second export's byte-order mark when two were joined. */
static void
trim_header(const char *s, size_t *start, size_t *end)
{
	for (;;) {
		size_t n = header_blank(s + *start, *end - *start);

		if (n > 0)
			*start += n;
		else if (*end > *start && (s[*end - 1] == ' ' ||
		    s[*end - 1] == '\t' || s[*end - 1] == '\r' ||
		    s[*end - 1] == '\n'))
			(*end)--;
		else if (*end >= *start + 2 && (unsigned char)s[*end - 2] ==
		    0xc2 && (unsigned char)s[*end - 1] == 0xa0)
			*end -= 2;
		else
			return;
	}
}

void
cl_fold_header(struct cl_buf *b, const char *s, size_t len)
{
	struct cl_buf nfc = { 0 };
	size_t i = 0;
	int blank = 0;

	b->len = 0;
	cl_buf_reserve(b, len);
	b->data[0] = '\0';
	trim_header(s, &i, &len);
	/* "Point (vægtet)", "Sagsnr.", "Dnr:" */
	if (len > i && s[len - 1] == ')') {
		const char *open = memchr(s + i, '(', len - i);

		if (open != NULL && open > s + i) {
			len = (size_t)(open - s);
			trim_header(s, &i, &len);
		}
	}
	/* ... and "Reduktion %" */
	while (len > i && (s[len - 1] == '.' || s[len - 1] == ':' ||
	    (s[len - 1] == '%' && len - 1 > i))) {
		len--;
		trim_header(s, &i, &len);
	}
	/* a header saved decomposed (a Mac's "a" + ring) is the same name */
	if (cl_has_non_ascii(s + i, len - i) && cl_nfc(&nfc, s + i, len - i)) {
		s = nfc.data;
		len = nfc.len;
		i = 0;
	}
	while (i < len) {
		uint32_t cp;
		size_t n = header_blank(s + i, len - i);

		/* a run of blanks inside ("Point\r\n(vægtet)") is one space */
		if (n > 0) {
			if (!blank)
				cl_utf8_encode(b, fold(' '));
			blank = 1;
			i += n;
			continue;
		}
		blank = 0;
		if ((n = cl_utf8_decode(s + i, len - i, &cp)) == 0)
			break;
		cl_utf8_encode(b, cp == '.' ? '_' : fold(cp));
		i += n;
	}
	cl_buf_free(&nfc);
}

/* As cl_fold_header on both, compared, but without building either: it
 * runs for every worker's team and every row's category. */
int
cl_same_name(const char *a, const char *b)
{
	size_t i = 0, alen = strlen(a), j = 0, blen = strlen(b);

	trim(a, &i, &alen);
	trim(b, &j, &blen);
	while (i < alen && j < blen) {
		uint32_t ca, cb;
		size_t na = cl_utf8_decode(a + i, alen - i, &ca);
		size_t nb = cl_utf8_decode(b + j, blen - j, &cb);

		if (fold(ca) != fold(cb))
			return 0;
		i += na;
		j += nb;
	}
	return i == alen && j == blen;
}

void
cl_text_for_message(struct cl_buf *b, const char *s, size_t len)
{
	clip(b, s, len, 1);
}

const char *
cl_quoted(struct cl_buf *b, const char *s)
{
	b->len = 0;
	cl_buf_putc(b, '"');
	cl_text_for_message(b, s, strlen(s));
	cl_buf_putc(b, '"');
	return b->data;
}

void
cl_text_for_message_unquoted(struct cl_buf *b, const char *s, size_t len)
{
	clip(b, s, len, 0);
}
