// `import Pprof` is the whole library: the pipeline and the layers whose types its request and report use.
@_exported import PprofAnalysis
@_exported import PprofAutoEscape
@_exported import PprofDecoding
@_exported import PprofEscape
@_exported import PprofFormatting
@_exported import PprofJoin
@_exported import PprofLoading
@_exported import PprofModel
@_exported import PprofReports
@_exported import PprofServing
@_exported import PprofTransform
