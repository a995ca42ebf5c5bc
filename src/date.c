/*
 * date.c - calendar days: parsing the forms case lists use, writing
 * YYYY-MM-DD, and adding calendar months.
 *
 * A day is a count of days since 1970-01-01, so a difference of dates is
 * a subtraction and N days later is an addition.  The conversions are
 * Howard Hinnant's days_from_civil and civil_from_days, which count in
 * 400-year eras of 146097 days starting on 1 March.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(long y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
cl_date_from_ymd(int y, int m, int d, cl_date *out)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return -1;
	*out = (cl_date)days_from_civil(y, m, d);
	return 0;
}

void
cl_date_to_ymd(cl_date date, int *y, int *m, int *d)
{
	long year;

	civil_from_days(date, &year, m, d);
	*y = (int)year;
}

int
cl_date_valid(const char *s)
{
	cl_date d;

	return strlen(s) == 10 && cl_date_parse(s, 10, 1, &d) == NULL;
}

char *
cl_date_format(cl_date date, char *buf)
{
	long y;
	int m, d;

	civil_from_days(date, &y, &m, &d);
	/* m and d are 1..31; the cast tells the compiler so */
	snprintf(buf, CL_DATE_BUFSIZE, "%04d-%02u-%02u", (int)(y % 100000),
	    (unsigned char)m, (unsigned char)d);
	return buf;
}

cl_date
cl_date_add_months(cl_date date, long n)
{
	long y, months;
	int m, d, last;

	civil_from_days(date, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	y = months >= 0 ? months / 12 : -((-months + 11) / 12);
	m = (int)(months - y * 12) + 1;
	last = days_in_month(y, m);
	return (cl_date)days_from_civil(y, m, d < last ? d : last);
}

/* ---- parsing ---- */

/* Reads 1..max digits at *p (not past end) into *v; the count, or 0. */
static size_t
digits(const char **p, const char *end, size_t max, int *v)
{
	size_t n = 0;

	*v = 0;
	while (*p < end && n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* marked for the messages that say them (with _()) */
static const char *const not_a_date = N_("is not a date (YYYY-MM-DD, "
    "DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY)");
static const char *const not_iso = N_("is not a date in the form "
    "YYYY-MM-DD");

const char *
cl_date_parse(const char *s, size_t len, int iso_only, cl_date *out)
{
	const char *p = s, *end = s + len;
	int a, b, c, y, m, d;
	size_t na, nb, nc;
	char sep;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	na = digits(&p, end, 4, &a);
	if (p >= end || (*p != '-' && *p != '.' && *p != '/'))
		return iso_only ? not_iso : not_a_date;
	sep = *p++;
	nb = digits(&p, end, 2, &b);
	if (p >= end || *p++ != sep)
		return iso_only ? not_iso : not_a_date;
	nc = digits(&p, end, 4, &c);
	if (p != end)
		return iso_only ? not_iso : not_a_date;
	if (na == 4 && sep == '-' && nb == 2 && nc == 2) {
		y = a;
		m = b;
		d = c;
	} else if (!iso_only && na >= 1 && na <= 2 && nb >= 1 && nc == 4) {
		d = a;
		m = b;
		y = c;
	} else {
		return iso_only ? not_iso : not_a_date;
	}
	if (cl_date_from_ymd(y, m, d, out) != 0)
		return N_("is not a day of the calendar");
	return NULL;
}
