using System.Reflection;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>One setting as the binder and the documentation see it: where it lives, its names and defaults.</summary>
internal sealed class SettingDescriptor
{
    /// <summary>The environment variable, e.g. <c>ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE</c>.</summary>
    public required string Variable { get; init; }

    /// <summary>The key inside the JSON file, segments joined by ':' (Microsoft.Extensions.Configuration's form).</summary>
    public required string FileKey { get; init; }

    /// <summary>The properties from <see cref="ZeroDowntimeSettings"/> down to the setting itself.</summary>
    public required IReadOnlyList<PropertyInfo> Path { get; init; }

    public required SettingAttribute Attribute { get; init; }

    /// <summary>The documentation heading this setting is listed under.</summary>
    public required string SectionTitle { get; init; }

    /// <summary>The value's type without Nullable: string, int, double, TimeSpan or an enum.</summary>
    public required Type ValueType { get; init; }

    /// <summary>True when the property accepts null (string?, int?): unset stays null.</summary>
    public required bool IsOptional { get; init; }

    public required string? LocalDefault { get; init; }

    public required string? ProductionDefault { get; init; }

    public PropertyInfo Property => Path[^1];

    /// <summary>The file key as a JSON reader would write it (<c>TIMING.NODE_DRAIN.SUCCESS_RATE_ABOVE</c>).</summary>
    public string JsonPath => FileKey.Replace(':', '.');

    public string? DefaultFor(ProfileName profile) => profile == ProfileName.Local ? LocalDefault : ProductionDefault;

    public override string ToString() => Variable;
}
