/*
 * ofile: temporary files and the commit that makes an output visible.
 *
 * Every temporary file that has a name (the hidden .NAME.XXXXXX beside an
 * output, mode 0600: it holds personal data) is listed in a table of
 * fixed slots, so that a signal (SIGINT, SIGTERM, SIGHUP, SIGPIPE) or a
 * fatal error can remove it with unlink(2), the only thing a signal
 * handler may safely do here, and leave every previous output as it was.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE	700	/* realpath(3) with glibc */
#endif

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ofile.h"

#ifndef PATH_MAX
#define PATH_MAX	4096
#endif

/* The named temporary files that exist now (a run has at most four). */
#define NSLOTS		8
static char			 slot_name[NSLOTS][PATH_MAX];
static volatile sig_atomic_t	 slot_used[NSLOTS];

/* Removes every listed temporary file; async-signal-safe. */
static void
remove_temps(void)
{
	int	 i;

	for (i = 0; i < NSLOTS; i++)
		if (slot_used[i]) {
			slot_used[i] = 0;
			(void)unlink(slot_name[i]);
		}
}

static void
on_signal(int sig)
{
	remove_temps();
	(void)signal(sig, SIG_DFL);
	(void)raise(sig);
}

void
ofile_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	struct sigaction sa;
	size_t		 i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_LEN(sigs); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < ARRAY_LEN(sigs); i++)
		(void)sigaction(sigs[i], &sa, NULL);
	fatal_hook = remove_temps;
}

/*
 * Makes the temporary file of the template tmp (mkstemp) and lists it,
 * with the signals blocked so that no file exists unlisted; returns its
 * descriptor and *slot, or -1 with errno (ENAMETOOLONG, or EMFILE when
 * every slot is taken).
 */
static int
make_temp(char *tmp, int *slot)
{
	sigset_t	 all, old;
	int		 i, fd = -1, e = 0;

	*slot = -1;
	if (strlen(tmp) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	sigemptyset(&all);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGTERM);
	sigaddset(&all, SIGHUP);
	sigaddset(&all, SIGPIPE);
	(void)sigprocmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < NSLOTS && slot_used[i]; i++)
		continue;
	if (i == NSLOTS)
		e = EMFILE;
	else if ((fd = mkstemp(tmp)) == -1)
		e = errno;
	else {
		memcpy(slot_name[i], tmp, strlen(tmp) + 1);
		slot_used[i] = 1;
		*slot = i;
	}
	(void)sigprocmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return fd;
}

static void
slot_drop(int i)
{
	if (i >= 0)
		slot_used[i] = 0;
}

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
ofile_fd_alias(const char *path)
{
	const char	*n = NULL;
	char		*end;
	long		 fd;

	if (path == NULL || strcmp(path, "-") == 0 ||
	    strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	if (n == NULL || *n < '0' || *n > '9')
		return -1;
	errno = 0;
	fd = strtol(n, &end, 10);
	if (*end != '\0' || errno != 0 || fd > INT_MAX)
		return -1;
	return (int)fd;
}

/*
 * The name of path's directory resolved (symbolic links, . and ..) and its
 * last component, so that x.csv and ./x.csv compare equal before either
 * exists; the text itself when the directory cannot be resolved.
 */
static char *
canonical(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *real, *c;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if ((real = realpath(dir, NULL)) == NULL) {
		free(dir);
		return xstrdup(path);
	}
	c = xasprintf("%s/%s", real, slash == NULL ? path : slash + 1);
	free(real);
	free(dir);
	return c;
}

/* Do a and b name one file: the same device and inode, or the same name? */
int
ofile_same_file(const char *a, const char *b)
{
	struct stat	 sa, sb;
	char		*ca, *cb;
	int		 same;

	if (strcmp(a, b) == 0)
		return 1;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ca = canonical(a);
	cb = canonical(b);
	same = strcmp(ca, cb) == 0;
	free(ca);
	free(cb);
	return same;
}

/* "DIR/.NAME.XXXXXX" beside path. */
static char *
temp_name(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xasprintf(".%s.XXXXXX", path);
	return xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path,
	    slash + 1);
}

static int
spooled(struct ofile *o, struct buf *err)
{
	o->copy = 1;
	return (o->fp = ofile_spool(err)) == NULL ? -1 : 0;
}

int
ofile_open(struct ofile *o, const char *path, struct buf *err)
{
	struct stat	 st;
	int		 fd;

	memset(o, 0, sizeof(*o));
	o->slot = -1;
	o->fd = -1;
	/*
	 * Standard output, /dev/stdout, /dev/stderr and /dev/fd/N are
	 * written through the descriptor the program has: reopening
	 * /dev/stdout would truncate a file the shell opened for appending,
	 * or one another output already wrote to.
	 */
	if ((o->fd = ofile_fd_alias(path)) != -1) {
		if (fcntl(o->fd, F_GETFD) == -1) {
			buf_printf(err, "%s: %s", path, strerror(errno));
			return -1;
		}
		if (path != NULL && strcmp(path, "-") != 0)
			o->path = xstrdup(path);
		return spooled(o, err);
	}
	o->path = xstrdup(path);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		buf_printf(err, "%s: is a directory", path);
		return -1;
	}
	/*
	 * A symbolic link to a regular file: the file it points to is
	 * replaced, atomically, by a temporary file made beside it (renaming
	 * over the link would replace the link, and copying into the file
	 * would leave it half-written on a full disk). A dangling link, a
	 * FIFO or a device is written through at the commit.
	 */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
		    (o->target = realpath(path, NULL)) == NULL)
			return spooled(o, err);
	} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return spooled(o, err);
	o->tmp = temp_name(o->target != NULL ? o->target : path);
	if ((fd = make_temp(o->tmp, &o->slot)) == -1) {
		/* The output is made beside the file, so the directory counts. */
		buf_printf(err, "%s: cannot create a file in its directory "
		    "(the output is written beside it, then renamed): %s",
		    path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	if ((o->fp = fdopen(fd, "wb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		slot_drop(o->slot);
		o->slot = -1;
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

/* Writes all of b to the descriptor fd; -1 with errno. */
static int
write_all(int fd, const char *b, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		if ((k = write(fd, b, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
copy_out(struct ofile *o, struct buf *err)
{
	FILE	*dst = NULL;
	char	 b[65536];
	size_t	 n;
	int	 rc = 0;

	if (fflush(o->fp) == EOF || fseek(o->fp, 0, SEEK_SET) == -1) {
		buf_printf(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	if (o->fd == -1 && (dst = fopen(o->path, "wb")) == NULL) {
		buf_printf(err, "%s: %s", o->path, strerror(errno));
		return -1;
	}
	/* Whatever stdio holds for the descriptor goes first. */
	if (o->fd == 1)
		(void)fflush(stdout);
	else if (o->fd == 2)
		(void)fflush(stderr);
	while ((n = fread(b, 1, sizeof(b), o->fp)) > 0)
		if (dst != NULL ? fwrite(b, 1, n, dst) != n :
		    write_all(o->fd, b, n) == -1) {
			buf_printf(err, "%s: write error: %s", ofile_name(o),
			    strerror(errno));
			rc = -1;
			break;
		}
	if (rc == 0 && ferror(o->fp)) {
		buf_printf(err, "temporary file: read error");
		rc = -1;
	} else if (rc == 0 && dst != NULL && (fflush(dst) == EOF ||
	    ferror(dst))) {
		buf_printf(err, "%s: write error: %s", ofile_name(o),
		    strerror(errno));
		rc = -1;
	}
	if (dst != NULL && fclose(dst) == EOF && rc == 0) {
		buf_printf(err, "%s: write error: %s", o->path, strerror(errno));
		rc = -1;
	}
	return rc;
}

int
ofile_commit(struct ofile *o, struct buf *err)
{
	const char	*dst = o->target != NULL ? o->target : o->path;
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
		if (stat(dst, &st) == 0)
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
		if (rc == 0 && rename(o->tmp, dst) == -1) {
			buf_printf(err, "%s: %s", o->path, strerror(errno));
			rc = -1;
		}
		if (rc == -1)
			unlink(o->tmp);
		slot_drop(o->slot);
	}
	o->fp = NULL;
	free(o->tmp);
	free(o->path);
	free(o->target);
	o->tmp = o->path = o->target = NULL;
	o->slot = -1;
	return rc;
}

void
ofile_abort(struct ofile *o)
{
	if (o->fp != NULL) {
		fclose(o->fp);
		if (o->tmp != NULL)
			unlink(o->tmp);
		slot_drop(o->slot);
	}
	free(o->tmp);
	free(o->path);
	free(o->target);
	memset(o, 0, sizeof(*o));
	o->slot = -1;
	o->fd = -1;
}
