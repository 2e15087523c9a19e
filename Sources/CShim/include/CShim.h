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

/// Sets any input and output speed in bits per second (e.g. 250000 or 921600) with the
/// termios2 interface (TCGETS2, BOTHER, TCSETS2); the other settings stay as they are.
/// For rates termios' B constants lack. Returns -1 and sets errno on failure.
int lanegate_set_custom_speed(int fd, unsigned int speed);

/// Reads the input and output speeds in bits per second with TCGETS2.
int lanegate_get_custom_speed(int fd, unsigned int *input, unsigned int *output);

/// The c_cflag bit for mark and space parity (CMSPAR), with PARENB and PARODD.
unsigned int lanegate_CMSPAR(void);

/// ioctl(2) request numbers of evdev and hidraw (linux/input.h, linux/hidraw.h).
unsigned long lanegate_ioctl_EVIOCGRAB(void);
unsigned long lanegate_ioctl_HIDIOCGRDESCSIZE(void);
unsigned long lanegate_ioctl_HIDIOCGRDESC(void);
unsigned long lanegate_ioctl_HIDIOCGRAWINFO(void);
unsigned long lanegate_ioctl_HIDIOCSFEATURE(size_t length);
unsigned long lanegate_ioctl_HIDIOCGFEATURE(size_t length);

/// ioctl(2) with a pointer argument.
int lanegate_ioctl_pointer(int fd, unsigned long request, void *argument);

/// The size of `struct input_event` on this platform (24 bytes on 64-bit Linux), and of
/// `struct hidraw_report_descriptor`'s value buffer (HID_MAX_DESCRIPTOR_SIZE, 4096).
size_t lanegate_input_event_size(void);
size_t lanegate_hid_max_descriptor_size(void);

#endif
