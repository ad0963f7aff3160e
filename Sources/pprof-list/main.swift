#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(PprofListCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
