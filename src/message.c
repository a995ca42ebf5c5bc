/*
 * message.c - a diagnostic built piece by piece, then handed to the
 * caller's cl_diag_fn: the one builder that the engine, the readers and
 * the configuration share, so that a value is quoted, cut and masked the
 * same way in every message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void
cl_msg_text(struct cl_msg *m, const char *s)
{
	cl_buf_append(&m->text, s, strlen(s));
}

void
cl_msg_printf(struct cl_msg *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cl_buf_vprintf(&m->text, fmt, ap);
	va_end(ap);
}

void
cl_msg_quote(struct cl_msg *m, const char *value)
{
	cl_msg_quote_n(m, value, strlen(value));
}

void
cl_msg_quote_n(struct cl_msg *m, const char *value, size_t len)
{
	cl_buf_putc(&m->text, '"');
	cl_text_for_message(&m->text, value, len);
	cl_buf_putc(&m->text, '"');
}

void
cl_msg_escape_n(struct cl_msg *m, const char *value, size_t len)
{
	cl_text_for_message(&m->text, value, len);
}

void
cl_msg_unquoted(struct cl_msg *m, const char *value, size_t len)
{
	cl_text_for_message_unquoted(&m->text, value, len);
}

char
cl_msg_decimal_sep(void)
{
	/* TRANSLATORS: one character, the decimal separator of figures in
	 * messages ("2.5 points"): "," in Danish and Swedish */
	const char *sep = C_("decimal separator", ".");

	return sep[0] == ',' ? ',' : '.';
}

char *
cl_msg_figure(cl_dec v, char *buf)
{
	return cl_dec_format(v, CL_DEC_DIGITS, cl_msg_decimal_sep(), buf);
}

void
cl_msg_dec(struct cl_msg *m, cl_dec v)
{
	char buf[CL_DEC_BUFSIZE];

	cl_msg_text(m, cl_msg_figure(v, buf));
}

void
cl_msg_long(struct cl_msg *m, long v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", v);
	cl_msg_text(m, buf);
}

void
cl_msg_send(struct cl_msg *m, const char *file, long line,
    enum cl_severity severity)
{
	struct cl_diag d;

	if (m->text.data == NULL)
		cl_buf_append(&m->text, "", 0);
	d.file = file;
	d.line = line;
	d.severity = severity;
	d.message = m->text.data;
	if (m->on_diag != NULL)
		m->on_diag(m->ctx, &d);
	m->text.len = 0;
	m->text.data[0] = '\0';
}

void
cl_msg_drop(struct cl_msg *m)
{
	m->text.len = 0;
	if (m->text.data != NULL)
		m->text.data[0] = '\0';
}

void
cl_msg_free(struct cl_msg *m)
{
	cl_buf_free(&m->text);
}
