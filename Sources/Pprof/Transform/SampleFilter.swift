import PprofModel
/// The sample filters of pprof's `applyFocus`, compiled once and applied in pprof's order:
/// `-focus`/`-ignore`/`-hide`/`-show` (`filterSamplesByName`), then `-show_from`, then `-tagfocus`/`-tagignore`,
/// then `-tagshow`/`-taghide`, then `-prune_from`.
public struct SampleFilter: Sendable {
    public var focus: ProfileRegex?
    public var ignore: ProfileRegex?
    public var hide: ProfileRegex?
    public var show: ProfileRegex?
    public var showFrom: ProfileRegex?
    public var tagFocus: TagFilter?
    public var tagIgnore: TagFilter?
    public var tagShow: ProfileRegex?
    public var tagHide: ProfileRegex?
    public var pruneFrom: ProfileRegex?

    /// Compiles the options as pprof does, in its order; an empty or nil option is no filter.
    public init(
        focus: String? = nil, ignore: String? = nil, hide: String? = nil, show: String? = nil,
        showFrom: String? = nil, tagFocus: String? = nil, tagIgnore: String? = nil, pruneFrom: String? = nil,
        tagShow: String? = nil, tagHide: String? = nil
    ) throws(TransformError) {
        func regex(_ option: String, _ value: String?) throws(TransformError) -> ProfileRegex? {
            guard let value, !value.isEmpty else { return nil }
            return try ProfileRegex(value, option: option)
        }
        func tag(_ option: String, _ value: String?) throws(TransformError) -> TagFilter? {
            guard let value, !value.isEmpty else { return nil }
            return try TagFilter(value, option: option)
        }
        self.focus = try regex("focus", focus)
        self.ignore = try regex("ignore", ignore)
        self.hide = try regex("hide", hide)
        self.show = try regex("show", show)
        self.showFrom = try regex("show_from", showFrom)
        self.tagFocus = try tag("tagfocus", tagFocus)
        self.tagIgnore = try tag("tagignore", tagIgnore)
        self.pruneFrom = try regex("prune_from", pruneFrom)
        // pprof compiles these last, after it has applied the others.
        self.tagShow = try regex("tagshow", tagShow)
        self.tagHide = try regex("taghide", tagHide)
    }

    public var isEmpty: Bool {
        focus == nil && ignore == nil && hide == nil && show == nil && showFrom == nil
            && tagFocus == nil && tagIgnore == nil && pruneFrom == nil && tagShow == nil && tagHide == nil
    }

    /// What pprof prints while compiling: `tagfocus:Interpreted '64B:' as range, not regexp`.
    public var notices: [String] {
        [tagFocus, tagIgnore].compactMap { $0?.notice }
    }

    /// The "Active filters:" entries of the `-top` header (`focus=…`), in pprof's order. `-prune_from` is
    /// not one of them in pprof.
    public var activeFilters: [String] {
        var entries: [String] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { entries.append(name + "=" + value) }
        }
        add("focus", focus?.pattern)
        add("ignore", ignore?.pattern)
        add("hide", hide?.pattern)
        add("show", show?.pattern)
        add("show_from", showFrom?.pattern)
        add("tagfocus", tagFocus?.text)
        add("tagignore", tagIgnore?.text)
        add("tagshow", tagShow?.pattern)
        add("taghide", tagHide?.pattern)
        return entries
    }

    /// Filters `profile` and returns pprof's warnings (`Focus expression matched no samples`, …) in order.
    /// Numeric tag ranges read label units from the profile as it is before filtering.
    public func apply(to profile: inout Profile) -> [String] {
        var warnings: [String] = []
        func warn(_ matched: Bool, _ name: String) {
            if !matched { warnings.append(name + " expression matched no samples") }
        }
        let names = profile.filterSamplesByName(focus: focus, ignore: ignore, hide: hide, show: show)
        warn(focus == nil || names.focus, "Focus")
        warn(ignore == nil || names.ignore, "Ignore")
        warn(hide == nil || names.hide, "Hide")
        warn(show == nil || names.show, "Show")

        if let showFrom {
            warn(profile.showFrom(showFrom), "ShowFrom")
        }

        if tagFocus != nil || tagIgnore != nil {
            let units = profile.numericLabelUnits().units
            let tags = profile.filterSamplesByTag(focus: tagFocus, ignore: tagIgnore, units: units)
            warn(tagFocus == nil || tags.focus, "TagFocus")
            warn(tagIgnore == nil || tags.ignore, "TagIgnore")
        }

        if tagShow != nil || tagHide != nil {
            let labels = profile.filterLabelsByKey(show: tagShow, hide: tagHide)
            warn(tagShow == nil || labels.show, "TagShow")
            warn(tagHide == nil || labels.hide, "TagHide")
        }

        if let pruneFrom { profile.pruneFrom(pruneFrom) }
        return warnings
    }
}
