// CShim: the few C facilities Swift cannot import directly.
// Each function is a thin wrapper; errors come back as -1 with errno set.
#ifndef LANEGATE_CSHIM_H
#define LANEGATE_CSHIM_H

#include <stddef.h>
#include <sys/socket.h>
#include <termios.h>

/// Opens a new pseudo-terminal pair with posix_openpt(3), grantpt(3) and
/// unlockpt(3). Returns the controller descriptor (non-blocking, close-on-exec)
/// and writes the peer's path into `name`. Returns -1 and sets errno on failure.
int lanegate_open_pty(char *name, size_t name_length);

/// ioctl(2) request numbers that are macros Swift cannot import.
unsigned long lanegate_ioctl_TIOCEXCL(void);
unsigned long lanegate_ioctl_TIOCNXCL(void);
unsigned long lanegate_ioctl_FIONREAD(void);
unsigned long lanegate_ioctl_TIOCMGET(void);

/// ioctl(2) with no argument and with an int pointer argument; the variadic
/// ioctl cannot be called from Swift.
int lanegate_ioctl_none(int fd, unsigned long request);
int lanegate_ioctl_int(int fd, unsigned long request, int *value);

/// Returns 1 when O_NONBLOCK is set on fd, 0 when not, -1 on error.
int lanegate_is_nonblocking(int fd);

/// The text of an errno value, through the GNU strerror_r(3), which is
/// thread-safe (strerror(3) is not). Returns a pointer to `buffer` or to a
/// static string.
const char *lanegate_strerror(int number, char *buffer, size_t length);

/// flock(2); Swift cannot call it by name because `struct flock` shadows it.
int lanegate_flock(int fd, int operation);

/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC; Glibc's Swift module does not
/// export the GNU accept4.
int lanegate_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length);

#endif
