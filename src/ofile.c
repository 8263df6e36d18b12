/*
 * ofile: temporary files and the commit that makes an output visible.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofile.h"

FILE *
ofile_spool(struct buf *err)
{
	const char	*dir = getenv("TMPDIR");
	char		*t;
	int		 fd;
	FILE		*fp;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	t = xasprintf("%s/mikibridge.XXXXXX", dir);
	if ((fd = mkstemp(t)) == -1) {
		buf_printf(err, "cannot create a temporary file in %s: %s",
		    dir, strerror(errno));
		free(t);
		return NULL;
	}
	unlink(t);
	free(t);
	if ((fp = fdopen(fd, "w+b")) == NULL) {
		buf_printf(err, "fdopen: %s", strerror(errno));
		close(fd);
	}
	return fp;
}

int
ofile_open(struct ofile *o, const char *path, struct buf *err)
{
	struct stat	 st;
	const char	*slash;
	int		 fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->copy = 1;
		return (o->fp = ofile_spool(err)) == NULL ? -1 : 0;
	}
	o->path = xstrdup(path);
	/*
	 * A symbolic link (/dev/stdout is one) is written through at the
	 * commit, like a FIFO: renaming over it would replace the link.
	 */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			buf_printf(err, "%s: is a directory", path);
			return -1;
		}
		o->copy = 1;
		return (o->fp = ofile_spool(err)) == NULL ? -1 : 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			buf_printf(err, "%s: is a directory", path);
			return -1;
		}
		o->copy = 1;
		return (o->fp = ofile_spool(err)) == NULL ? -1 : 0;
	}
	slash = strrchr(path, '/');
	if (slash == NULL)
		o->tmp = xasprintf(".%s.XXXXXX", path);
	else
		o->tmp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
		    slash + 1);
	if ((fd = mkstemp(o->tmp)) == -1) {
		buf_printf(err, "%s: cannot create: %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	if ((o->fp = fdopen(fd, "wb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return -1;
	}
	return 0;
}

int
ofile_flush(struct ofile *o, struct buf *err)
{
	if (o->fp != NULL && (fflush(o->fp) == EOF || ferror(o->fp))) {
		buf_printf(err, "%s: write error: %s", ofile_name(o),
		    strerror(errno));
		return -1;
	}
	return 0;
}

int
ofile_is_open(const struct ofile *o)
{
	return o->fp != NULL;
}

const char *
ofile_name(const struct ofile *o)
{
	return o->path != NULL ? o->path : "standard output";
}

static int
copy_out(struct ofile *o, struct buf *err)
{
	FILE	*dst = stdout;
	char	 b[65536];
	size_t	 n;
	int	 rc = 0;

	if (fflush(o->fp) == EOF || fseek(o->fp, 0, SEEK_SET) == -1) {
		buf_printf(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	if (o->path != NULL && (dst = fopen(o->path, "wb")) == NULL) {
		buf_printf(err, "%s: %s", o->path, strerror(errno));
		return -1;
	}
	while ((n = fread(b, 1, sizeof(b), o->fp)) > 0)
		if (fwrite(b, 1, n, dst) != n)
			break;
	if (ferror(o->fp)) {
		buf_printf(err, "temporary file: read error");
		rc = -1;
	} else if (fflush(dst) == EOF || ferror(dst)) {
		buf_printf(err, "%s: write error: %s", ofile_name(o),
		    strerror(errno));
		rc = -1;
	}
	if (dst != stdout && fclose(dst) == EOF && rc == 0) {
		buf_printf(err, "%s: write error: %s", o->path, strerror(errno));
		rc = -1;
	}
	return rc;
}

int
ofile_commit(struct ofile *o, struct buf *err)
{
	struct stat	 st;
	mode_t		 mask, mode;
	int		 rc = 0;

	if (o->fp == NULL)
		return 0;
	if (o->copy) {
		rc = copy_out(o, err);
		fclose(o->fp);
	} else {
		/* A replaced file keeps its mode; a new one gets 0666 & ~umask. */
		mask = umask(0);
		umask(mask);
		mode = (mode_t)(0666 & ~mask);
		if (stat(o->path, &st) == 0)
			mode = st.st_mode & 07777;
		if (fflush(o->fp) == EOF || ferror(o->fp) ||
		    fchmod(fileno(o->fp), mode) == -1) {
			buf_printf(err, "%s: write error: %s", o->path,
			    strerror(errno));
			rc = -1;
		}
		if (fclose(o->fp) == EOF && rc == 0) {
			buf_printf(err, "%s: write error: %s", o->path,
			    strerror(errno));
			rc = -1;
		}
		if (rc == 0 && rename(o->tmp, o->path) == -1) {
			buf_printf(err, "%s: %s", o->path, strerror(errno));
			rc = -1;
		}
		if (rc == -1)
			unlink(o->tmp);
	}
	o->fp = NULL;
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return rc;
}

void
ofile_abort(struct ofile *o)
{
	if (o->fp != NULL) {
		fclose(o->fp);
		if (o->tmp != NULL)
			unlink(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
}
