using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Binds <see cref="ZeroDowntimeSettings"/>: environment over file over profile default, every value
/// parsed by <see cref="SettingValueParser"/>, every problem collected before one exception.
/// The JSON file is read with Microsoft.Extensions.Configuration (nesting, case-insensitive keys,
/// comments); binding is ours, because ConfigurationBinder stops at the first bad value, cannot
/// name a typo and knows nothing of profile-dependent defaults.
/// </summary>
internal sealed partial class SettingsLoader
{
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly DateTimeOffset now;
    private readonly List<string> problems = [];
    private readonly Dictionary<SettingDescriptor, string> fromEnvironment = [];
    private readonly Dictionary<SettingDescriptor, string> fromFile = [];
    private readonly HashSet<SettingDescriptor> invalid = [];
    private string? settingsFile;

    public SettingsLoader(IReadOnlyDictionary<string, string?> environment, DateTimeOffset now)
    {
        this.environment = environment;
        this.now = now;
    }

    public ZeroDowntimeSettings Load()
    {
        ReadEnvironment();
        ReadSettingsFile();

        var cluster = (ClusterMode?)Resolve(SettingsCatalog.Get("ZD_CLUSTER"), ProfileName.Local) ?? ClusterMode.Local;
        var profile = (ProfileName?)Resolve(SettingsCatalog.Get("ZD_PROFILE"), ProfileName.Local)
            ?? (cluster == ClusterMode.Local ? ProfileName.Local : ProfileName.Production);

        var settings = new ZeroDowntimeSettings();
        foreach (var descriptor in SettingsCatalog.All)
        {
            var value = descriptor.Variable switch
            {
                "ZD_CLUSTER" => cluster,
                "ZD_PROFILE" => profile,
                "ZD_SETTINGS_FILE" => settingsFile,
                "ZD_RESULTS_DIR" => ((string?)Resolve(descriptor, profile))?.Replace(
                    "{timestamp}", now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture), StringComparison.Ordinal),
                _ => Resolve(descriptor, profile),
            };
            Assign(settings, descriptor, value);
        }

        CheckConsistency(settings);
        if (problems.Count > 0)
        {
            throw new ZeroDowntimeConfigurationException(problems);
        }

        return settings;
    }

    private void ReadEnvironment()
    {
        var byVariable = SettingsCatalog.All.ToDictionary(d => d.Variable, StringComparer.OrdinalIgnoreCase);
        // Exact upper-case names first, so ZD_PROFILE wins over a stray zd_profile.
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(SettingsCatalog.Prefix, StringComparison.OrdinalIgnoreCase) || SettingsCatalog.ToolVariables.Contains(name))
            {
                continue;
            }

            if (!byVariable.TryGetValue(name, out var descriptor))
            {
                var suggestion = NameSuggestion.Closest(name, byVariable.Keys);
                problems.Add(suggestion is null
                    ? $"{name} is not a ZeroDowntime setting; docs/configuration.md lists them all."
                    : $"{name} is not a ZeroDowntime setting; did you mean {suggestion}?");
                continue;
            }

            var text = Normalize(descriptor, value);
            if (text is not null)
            {
                fromEnvironment.TryAdd(descriptor, text);
            }
        }
    }

    private void ReadSettingsFile()
    {
        var descriptor = SettingsCatalog.Get("ZD_SETTINGS_FILE");
        if (!fromEnvironment.TryGetValue(descriptor, out var path))
        {
            return;
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            problems.Add($"ZD_SETTINGS_FILE is '{path}', but it must name an existing JSON file (looked for {fullPath}).");
            return;
        }

        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            var detail = e.GetBaseException().Message.TrimEnd('.');
            problems.Add($"ZD_SETTINGS_FILE is '{path}', but it must be a valid JSON file ({detail}).");
            return;
        }

        settingsFile = fullPath;
        var byKey = SettingsCatalog.All.ToDictionary(d => d.FileKey, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in file.AsEnumerable().Where(e => e.Value is not null).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var jsonPath = key.Replace(':', '.');
            if (!byKey.TryGetValue(key, out var setting))
            {
                var suggestion = NameSuggestion.Closest(jsonPath, byKey.Values.Where(d => !d.Attribute.EnvironmentOnly).Select(d => d.JsonPath));
                problems.Add(suggestion is null
                    ? $"{jsonPath} in {fullPath} is not a ZeroDowntime setting; docs/configuration.md lists them all."
                    : $"{jsonPath} in {fullPath} is not a ZeroDowntime setting; did you mean {suggestion}?");
            }
            else if (setting.Attribute.EnvironmentOnly)
            {
                problems.Add($"{jsonPath} in {fullPath} has no effect there: {setting.Variable} must be set as an environment variable.");
            }
            else if (Normalize(setting, value) is { } text)
            {
                fromFile[setting] = text;
            }
        }
    }

    // Empty means unset, so a blank line in .runsettings or `ZD_X=` in a shell falls back to the default.
    private static string? Normalize(SettingDescriptor descriptor, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return descriptor.Attribute.Format == SettingFormat.Exact ? value : value.Trim();
    }

    private object? Resolve(SettingDescriptor descriptor, ProfileName profile)
    {
        string text;
        string source;
        if (fromEnvironment.TryGetValue(descriptor, out var environmentText))
        {
            (text, source) = (environmentText, descriptor.Variable);
        }
        else if (fromFile.TryGetValue(descriptor, out var fileText))
        {
            (text, source) = (fileText, $"{descriptor.Variable} (from {settingsFile})");
        }
        else if (descriptor.DefaultFor(profile) is { } defaultText)
        {
            (text, source) = (defaultText, $"{descriptor.Variable} (default of the {SettingValueParser.ToText(profile)} profile)");
        }
        else
        {
            return null;
        }

        if (SettingValueParser.TryParse(descriptor, text, out var value))
        {
            return value;
        }

        invalid.Add(descriptor);
        problems.Add($"{source} is '{text}', but it must be {SettingValueParser.DescribeAllowed(descriptor)}.");
        return null;
    }

    private static void Assign(ZeroDowntimeSettings settings, SettingDescriptor descriptor, object? value)
    {
        object target = settings;
        foreach (var section in descriptor.Path.SkipLast(1))
        {
            target = section.GetValue(target)!;
        }

        if (value is not null || descriptor.IsOptional)
        {
            descriptor.Property.SetValue(target, value);
        }
    }

    private bool IsSet(string variable) =>
        fromEnvironment.ContainsKey(SettingsCatalog.Get(variable)) || fromFile.ContainsKey(SettingsCatalog.Get(variable));
}
