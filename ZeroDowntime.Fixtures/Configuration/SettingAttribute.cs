namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Declares a settings property: its name (one segment of the <c>ZD_*</c> variable), what it means,
/// its defaults per profile and how its text is checked. The binder, the validation messages and
/// <c>docs/configuration.md</c> are all driven by these attributes.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingAttribute : Attribute
{
    /// <summary>Declares a setting named <paramref name="name"/> (upper snake case) with a one-line meaning.</summary>
    public SettingAttribute(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The name segment, e.g. <c>SUCCESS_RATE_ABOVE</c>; the full variable adds the section path.</summary>
    public string Name { get; }

    /// <summary>What the setting means, for the documentation table.</summary>
    public string Description { get; }

    /// <summary>The default in both profiles, as text the parser accepts; null means unset.</summary>
    public string? Default { get; init; }

    /// <summary>The default under <c>ZD_PROFILE=local</c>, when it differs from <see cref="Default"/>.</summary>
    public string? LocalDefault { get; init; }

    /// <summary>The default under <c>ZD_PROFILE=production</c> (the seed's value), when it differs from <see cref="Default"/>.</summary>
    public string? ProductionDefault { get; init; }

    /// <summary>How the text is checked beyond its type.</summary>
    public SettingFormat Format { get; init; } = SettingFormat.Text;

    /// <summary>The smallest allowed number (NaN: no lower bound).</summary>
    public double Minimum { get; init; } = double.NaN;

    /// <summary>The largest allowed number (NaN: no upper bound).</summary>
    public double Maximum { get; init; } = double.NaN;

    /// <summary>True for settings that only make sense as environment variables (<c>ZD_SETTINGS_FILE</c>).</summary>
    public bool EnvironmentOnly { get; init; }
}
