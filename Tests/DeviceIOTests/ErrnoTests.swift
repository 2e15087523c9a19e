import Glibc
import Testing

@testable import DeviceIO

@Suite struct ErrnoTests {
    @Test(arguments: [
        (ENOENT, "ENOENT", "No such file or directory"),
        (EIO, "EIO", "Input/output error"),
        (EAGAIN, "EAGAIN", "Resource temporarily unavailable"),
        (ECONNREFUSED, "ECONNREFUSED", "Connection refused"),
    ])
    func nameAndText(number: Int32, name: String, text: String) {
        let errno = Errno(number)
        #expect(errno.name == name)
        #expect(errno.text == text)
    }

    @Test func systemCallErrorReadsLikeTheManual() {
        let error = SystemCallError(call: "open", errno: Errno(ENOENT), path: "/dev/ttyUSB0")
        #expect(error.description == "open(/dev/ttyUSB0): No such file or directory (ENOENT)")
        #expect(error.errnoName == "ENOENT")
        #expect(error.message == "No such file or directory")
    }

    @Test func unknownNumberGetsANumericName() {
        #expect(Errno(4000).name == "E4000")
    }
}
