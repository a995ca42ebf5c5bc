/*
 * fraction.c - sums of follow-up rates as exact fractions (1/3,
 * 1461/2016), compared with targets exactly and rounded only to be shown.
 */
#include "internal.h"

__extension__ typedef __int128 wide;

static wide
gcd(wide a, wide b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		wide t = a % b;

		a = b;
		b = t;
	}
	return a;
}

void
cl_frac_add(struct cl_frac *s, int64_t num, int64_t den)
{
	int64_t sden = s->den != 0 ? s->den : 1;
	wide n = (wide)s->num * den + (wide)num * sden;
	wide d = (wide)sden * den;
	wide g = gcd(n, d);

	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n > INT64_MAX || d > INT64_MAX) {
		/* too many different intervals to stay exact: billionths */
		long double v = (long double)n / (long double)d * 1e9L;

		n = (wide)(v + 0.5L);
		d = 1000000000;
	}
	s->num = (int64_t)n;
	s->den = (int64_t)d;
}

int
cl_frac_cmp_dec(const struct cl_frac *f, cl_dec v)
{
	wide l = (wide)f->num * CL_DEC_SCALE;
	wide r = (wide)v * (f->den != 0 ? f->den : 1);

	return (l > r) - (l < r);
}

cl_dec
cl_frac_hundredths(const struct cl_frac *f)
{
	int64_t den = f->den != 0 ? f->den : 1;
	wide h = ((wide)f->num * 200 + den) / (2 * (wide)den);

	return (cl_dec)(h * (CL_DEC_SCALE / 100));
}

int
cl_frac_cmp(const struct cl_frac *a, const struct cl_frac *b)
{
	wide l = (wide)a->num * (b->den != 0 ? b->den : 1);
	wide r = (wide)b->num * (a->den != 0 ? a->den : 1);

	return (l > r) - (l < r);
}
