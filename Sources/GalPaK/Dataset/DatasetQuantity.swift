/// What a dataset's prior is for: a parameter of the galaxy (named by its descriptor) or a
/// setting of the simulation.
public enum DatasetQuantity: Hashable, Sendable {
    case parameter(ParameterName)
    case setting(SimulationSetting)

    /// The name in a priors file and the column of `truth.csv`: the parameter's key
    /// (`turnover_radius`) or the setting's (`snr`).
    public var key: String {
        switch self {
        case .parameter(let name): name.key
        case .setting(let setting): setting.key
        }
    }

    /// The values it may take: the parameter's ``ParameterName/validRange`` or the option's.
    public var validRange: ValidRange {
        switch self {
        case .parameter(let name): name.validRange
        case .setting(let setting): setting.validRange
        }
    }

    /// The quantity a priors file names `key`: a parameter by its reference or short name (a
    /// line ratio `ratio_<wave>` too), or a setting; nil for any other name.
    public init?(key: String) {
        if let name = ParameterName(key: key) {
            self = .parameter(name)
        } else if let setting = SimulationSetting(key: key) {
            self = .setting(setting)
        } else {
            return nil
        }
    }
}
