namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Marks a property whose value is a group of settings. Its <see cref="Name"/> becomes a segment of
/// every variable inside (<c>ZD_TARGET__WORKERS__SELECTOR</c>). <see cref="Defaults"/> lets one
/// settings class (a role) carry different defaults in different places.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingsSectionAttribute : Attribute
{
    /// <summary>Declares a section; <paramref name="defaults"/> are <c>NAME=value</c> pairs overriding the inner settings' defaults.</summary>
    public SettingsSectionAttribute(string name, string title, params string[] defaults)
    {
        Name = name;
        Title = title;
        Defaults = defaults;
    }

    /// <summary>The name segment, e.g. <c>WORKERS</c>.</summary>
    public string Name { get; }

    /// <summary>The heading of this section in the documentation.</summary>
    public string Title { get; }

    /// <summary><c>NAME=value</c> defaults for settings inside this section.</summary>
    public IReadOnlyList<string> Defaults { get; }
}
