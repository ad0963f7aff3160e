import Pprof

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Raw arguments: a file name that is not UTF-8 must still open (SystemPath).
exit(PprofListCommand.run(arguments: Array(SystemPath.commandLineArguments().dropFirst())))
