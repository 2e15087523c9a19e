#define _GNU_SOURCE
#include "CShim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/hidraw.h>
#include <linux/input.h>

int lanegate_open_pty(char *name, size_t name_length) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, name_length) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

unsigned long lanegate_ioctl_TIOCEXCL(void) { return TIOCEXCL; }
unsigned long lanegate_ioctl_TIOCNXCL(void) { return TIOCNXCL; }
unsigned long lanegate_ioctl_FIONREAD(void) { return FIONREAD; }
unsigned long lanegate_ioctl_TIOCMGET(void) { return TIOCMGET; }

int lanegate_ioctl_none(int fd, unsigned long request) { return ioctl(fd, request); }
int lanegate_ioctl_int(int fd, unsigned long request, int *value) {
    return ioctl(fd, request, value);
}

int lanegate_is_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return (flags & O_NONBLOCK) ? 1 : 0;
}

const char *lanegate_strerror(int number, char *buffer, size_t length) {
    return strerror_r(number, buffer, length);
}

int lanegate_flock(int fd, int operation) { return flock(fd, operation); }

int lanegate_accept_nonblocking(int fd, struct sockaddr *address, socklen_t *length) {
    return accept4(fd, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

unsigned int lanegate_CMSPAR(void) { return CMSPAR; }

unsigned long lanegate_ioctl_EVIOCGRAB(void) { return EVIOCGRAB; }
unsigned long lanegate_ioctl_HIDIOCGRDESCSIZE(void) { return HIDIOCGRDESCSIZE; }
unsigned long lanegate_ioctl_HIDIOCGRDESC(void) { return HIDIOCGRDESC; }
unsigned long lanegate_ioctl_HIDIOCGRAWINFO(void) { return HIDIOCGRAWINFO; }
unsigned long lanegate_ioctl_HIDIOCSFEATURE(size_t length) { return HIDIOCSFEATURE(length); }
unsigned long lanegate_ioctl_HIDIOCGFEATURE(size_t length) { return HIDIOCGFEATURE(length); }

int lanegate_ioctl_pointer(int fd, unsigned long request, void *argument) {
    return ioctl(fd, request, argument);
}

size_t lanegate_input_event_size(void) { return sizeof(struct input_event); }
size_t lanegate_hid_max_descriptor_size(void) { return HID_MAX_DESCRIPTOR_SIZE; }
