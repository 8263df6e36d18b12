/*
 * csvout: minimal quoting — a field is quoted only when it holds a comma, a
 * quote, CR or LF, or starts or ends with a space — then the encoding of
 * the whole line, then one fwrite.
 */
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

void
csvout_init(struct csvout *w, FILE *fp, enum enc e, int crlf, int excel_safe,
    int escape, struct codec *codec)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->enc = e;
	w->crlf = crlf;
	w->excel_safe = excel_safe;
	w->escape = escape;
	w->codec = codec;
}

void
csvout_free(struct csvout *w)
{
	buf_free(&w->line);
	buf_free(&w->fld);
	free(w->prefixed);
	free(w->rowpre);
	w->prefixed = w->rowpre = NULL;
	w->nprefixed = w->caprowpre = 0;
}

static int
needs_quotes(const char *s, size_t len)
{
	size_t	 i;

	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

int
csvout_row(struct csvout *w, const char *const *f, const size_t *len,
    size_t n, size_t *badf, uint32_t *badcp)
{
	size_t		 i, j, npre = 0;
	const char	*s;
	size_t		 l;

	buf_reset(&w->line);
	if (!w->started && w->enc == ENC_UTF8_BOM)
		buf_add(&w->line, "\xEF\xBB\xBF", 3);
	for (i = 0; i < n; i++) {
		s = f[i];
		l = len[i];
		/* Only a field that gets the quote prefix is copied first. */
		if (w->excel_safe && l > 0 && (s[0] == '=' || s[0] == '+' ||
		    s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
		    s[0] == '\r')) {
			buf_reset(&w->fld);
			buf_addc(&w->fld, '\'');
			buf_add(&w->fld, s, l);
			s = w->fld.p;
			l = w->fld.len;
			w->rowpre = xgrow(w->rowpre, &w->caprowpre, npre + 1,
			    sizeof(*w->rowpre));
			w->rowpre[npre++] = i;
		}
		if (i > 0)
			buf_addc(&w->line, ',');
		if (needs_quotes(s, l)) {
			buf_addc(&w->line, '"');
			for (j = 0; j < l; ) {
				const char *q = memchr(s + j, '"', l - j);
				size_t seg = q ? (size_t)(q - s) - j + 1 : l - j;

				if (codec_encode(w->codec, w->enc, s + j, seg,
				    &w->line, w->escape, badcp) == -1) {
					*badf = i;
					return 1;
				}
				if (q != NULL)
					buf_addc(&w->line, '"');
				j += seg;
			}
			buf_addc(&w->line, '"');
		} else if (codec_encode(w->codec, w->enc, s, l, &w->line,
		    w->escape, badcp) == -1) {
			*badf = i;
			return 1;
		}
	}
	buf_adds(&w->line, w->crlf ? "\r\n" : "\n");
	if (fwrite(w->line.p, 1, w->line.len, w->fp) != w->line.len)
		return -1;
	w->started = 1;
	/* Counted once written, for the summary: what --excel-safe changed. */
	if (npre > 0 && n > w->nprefixed) {
		w->prefixed = xreallocarray(w->prefixed, n,
		    sizeof(*w->prefixed));
		memset(w->prefixed + w->nprefixed, 0,
		    (n - w->nprefixed) * sizeof(*w->prefixed));
		w->nprefixed = n;
	}
	for (i = 0; i < npre; i++)
		w->prefixed[w->rowpre[i]]++;
	return 0;
}

int
csvout_rowv(struct csvout *w, const char *const *f, size_t n, size_t *badf,
    uint32_t *badcp)
{
	size_t	 lens[64] = {0}, *lp = lens, i;
	int	 rc;

	if (n > ARRAY_LEN(lens))
		lp = xreallocarray(NULL, n, sizeof(*lp));
	for (i = 0; i < n; i++)
		lp[i] = strlen(f[i]);
	rc = csvout_row(w, f, lp, n, badf, badcp);
	if (lp != lens)
		free(lp);
	return rc;
}
