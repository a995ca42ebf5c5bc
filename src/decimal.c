/*
 * decimal.c - exact fixed-point decimals in millionths.
 *
 * Points come in as text ("7", "7.5", "7,5") and are summed as integers, so
 * a report never shows 0.9999999 for ten rows of 0.1.  Products and ratios
 * go through 128-bit intermediates so that no target arithmetic overflows
 * silently.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

__extension__ typedef __int128 wide;

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * With both '.' and ',' in s[i..len) (1.234,5 or 1,234.5): the last one is
 * the decimal separator, and the others must group the whole part in
 * threes.  Copies the number without the grouping separators into out
 * (at most outsize bytes) and returns NULL, or says what is wrong.
 */
static const char *
ungroup(const char *s, size_t i, size_t len, char *out, size_t outsize,
    size_t *outlen)
{
	size_t last = len, n = 0, group = 0;
	char group_sep;
	int groups = 0;

	while (last > i && s[last - 1] != '.' && s[last - 1] != ',')
		last--;
	last--;		/* the decimal separator */
	group_sep = s[last] == '.' ? ',' : '.';
	for (size_t k = i; k < len; k++) {
		char c = s[k];

		if (k < last && c == s[last])
			return N_("has more than one decimal separator");
		if (c == group_sep) {
			if (group == 0 || (groups > 0 && group != 3) ||
			    (groups == 0 && group > 3))
				return N_("has a thousands separator that does not "
				    "group digits in threes");
			groups++;
			group = 0;
			continue;
		}
		if (k < last && c >= '0' && c <= '9')
			group++;
		if (k == last && group != 3)
			return N_("has a thousands separator that does not "
			    "group digits in threes");
		if (n + 1 >= outsize)
			return N_("is too large");
		out[n++] = c;
	}
	*outlen = n;
	return NULL;
}

/* Whether s[i..len) has a digit. */
static int
has_digit(const char *s, size_t i, size_t len)
{
	for (; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* Where the digits and separators from s[i] end ("1.234.567 kr"). */
static size_t
number_end(const char *s, size_t i, size_t len)
{
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
	    s[i] == ','))
		i++;
	return i;
}

/* Whether s[i..len) is digits grouped in threes by one separator, sep,
 * used at least twice: "1.234.567", which is a thousands grouping, never
 * a decimal. */
static int
grouped(const char *s, size_t i, size_t len, char sep)
{
	size_t group = 0;
	int groups = 0;

	for (; i < len; i++) {
		if (s[i] == sep) {
			if (group == 0 || (groups > 0 && group != 3) ||
			    (groups == 0 && group > 3))
				return 0;
			groups++;
			group = 0;
		} else if (s[i] >= '0' && s[i] <= '9') {
			group++;
		} else {
			return 0;
		}
	}
	return groups >= 2 && group == 3;
}

const char *
cl_dec_parse(const char *s, size_t len, cl_dec *out)
{
	size_t i = 0, int_digits = 0, frac_digits = 0;
	uint64_t units = 0, frac = 0;
	int seps = 0;
	char plain[64];
	size_t start;

	while (len > 0 && is_blank(s[len - 1]))
		len--;
	while (i < len && is_blank(s[i]))
		i++;
	if (i == len)
		return N_("is empty");
	start = i;
	if (s[i] == '-')
		return N_("is negative");
	if (s[i] == '+')
		return N_("has a sign");
	if ((unsigned char)s[i] == 0xe2 && len - i >= 3 &&
	    (unsigned char)s[i + 1] == 0x88 && (unsigned char)s[i + 2] == 0x92)
		return N_("is negative");	/* U+2212 MINUS SIGN */
	if ((s[len - 1] == '.' || s[len - 1] == ',') && len - i > 1 &&
	    s[len - 2] >= '0' && s[len - 2] <= '9')
		return N_("ends in a decimal separator");
	if (memchr(s + i, '.', len - i) != NULL &&
	    memchr(s + i, ',', len - i) != NULL) {
		size_t n;
		const char *why = ungroup(s, i, len, plain, sizeof plain, &n);

		if (why != NULL)
			return why;
		s = plain;
		i = start = 0;
		len = n;
	}
	for (; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			if (seps == 0) {
				if (units > (UINT64_MAX - 9) / 10)
					return N_("is too large");
				units = units * 10 + (uint64_t)(c - '0');
				int_digits++;
			} else {
				if (++frac_digits > CL_DEC_DIGITS)
					return N_("has more than 6 decimals");
				frac = frac * 10 + (uint64_t)(c - '0');
			}
		} else if (c == '.' || c == ',') {
			if (++seps > 1)
				return grouped(s, start, number_end(s, i, len), c) ?
				    N_("has thousands separators, which are not "
				    "allowed") :
				    N_("has more than one decimal separator");
		} else if (int_digits > 0 && !has_digit(s, i, len)) {
			/* "5,5 %", "12 kr", "3pt" */
			return N_("has text after the number");
		} else if (is_blank(c) || cl_space_len(s + i, len - i) > 0) {
			/* a no-break space too, as spreadsheets group by */
			return N_("has a space inside (thousands separators are not allowed)");
		} else if (c == 'e' || c == 'E') {
			return int_digits ? N_("has an exponent") : N_("is not a number");
		} else {
			return N_("is not a number");
		}
	}
	if (int_digits == 0)
		return N_("is not a number");
	if (seps && frac_digits == 0)
		return N_("ends in a decimal separator");
	/* A leading "0x" never reaches here: 'x' is not a number above. */
	for (size_t k = frac_digits; k < CL_DEC_DIGITS; k++)
		frac *= 10;
	if (units > (uint64_t)(INT64_MAX / CL_DEC_SCALE) ||
	    units * CL_DEC_SCALE > (uint64_t)INT64_MAX - frac)
		return N_("is too large");
	*out = (cl_dec)(units * CL_DEC_SCALE + frac);
	return NULL;
}

char *
cl_dec_format(cl_dec v, int decimals, char sep, char *buf)
{
	static const int64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000 };
	uint64_t mag, ip, fp, unit;
	char *p = buf;
	int neg = v < 0;

	if (decimals < 0)
		decimals = 0;
	if (decimals > CL_DEC_DIGITS)
		decimals = CL_DEC_DIGITS;
	mag = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unit = (uint64_t)pow10[CL_DEC_DIGITS - decimals];
	mag = (mag / unit + (mag % unit >= (unit + 1) / 2 && unit > 1)) * unit;
	ip = mag / CL_DEC_SCALE;
	fp = mag % CL_DEC_SCALE;
	if (neg && mag != 0)
		*p++ = '-';
	p += snprintf(p, 24, "%llu", (unsigned long long)ip);
	if (fp != 0) {
		char digits[8];
		int n = CL_DEC_DIGITS;

		snprintf(digits, sizeof digits, "%06llu", (unsigned long long)fp);
		while (n > 0 && digits[n - 1] == '0')
			n--;
		*p++ = sep;
		memcpy(p, digits, (size_t)n);
		p += n;
	}
	*p = '\0';
	return buf;
}

int
cl_dec_add(cl_dec a, cl_dec b, cl_dec *sum)
{
	cl_dec r;

	if (__builtin_add_overflow(a, b, &r))
		return -1;
	*sum = r;
	return 0;
}

static wide
div_round(wide n, wide d)
{
	wide q = n / d, r = n % d;

	if (r < 0)
		r = -r;
	if (2 * r >= (d < 0 ? -d : d))
		q += ((n < 0) != (d < 0)) ? -1 : 1;
	return q;
}

int
cl_dec_mul(cl_dec a, cl_dec b, cl_dec *product)
{
	wide r = div_round((wide)a * b, CL_DEC_SCALE);

	if (r > INT64_MAX || r < INT64_MIN)
		return -1;
	*product = (cl_dec)r;
	return 0;
}

cl_dec
cl_dec_ratio(cl_dec a, cl_dec b, int percent)
{
	/* hundredths of (100 *) a / b, then back to millionths */
	wide r = div_round((wide)a * (percent ? 10000 : 100), b);

	r *= CL_DEC_SCALE / 100;
	if (r > INT64_MAX)
		return INT64_MAX;
	if (r < INT64_MIN)
		return INT64_MIN;
	return (cl_dec)r;
}
