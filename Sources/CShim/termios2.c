// termios2: any serial speed, through TCGETS2/TCSETS2 and BOTHER.
// <asm/termbits.h> clashes with glibc's <termios.h>, so this file includes neither
// CShim.h nor <termios.h>; its two functions are declared in CShim.h.
#include <asm/termbits.h>
#include <sys/ioctl.h>

int lanegate_set_custom_speed(int fd, unsigned int speed) {
    struct termios2 settings;
    if (ioctl(fd, TCGETS2, &settings) != 0) return -1;
    settings.c_cflag &= ~CBAUD;
    settings.c_cflag |= BOTHER;
    settings.c_cflag &= ~(CBAUD << IBSHIFT);
    settings.c_cflag |= BOTHER << IBSHIFT;
    settings.c_ispeed = speed;
    settings.c_ospeed = speed;
    return ioctl(fd, TCSETS2, &settings);
}

int lanegate_get_custom_speed(int fd, unsigned int *input, unsigned int *output) {
    struct termios2 settings;
    if (ioctl(fd, TCGETS2, &settings) != 0) return -1;
    *input = settings.c_ispeed;
    *output = settings.c_ospeed;
    return 0;
}
