using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

/// <summary>The README's settings table and every ZD_ name it mentions are checked against the settings declarations.</summary>
public sealed partial class ReadmeSettingsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(SettingsTestSupport.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Every_settings_row_in_the_readme_is_a_row_of_the_generated_table()
    {
        var generated = SettingsDocumentation.RenderMarkdown().Split('\n').ToHashSet(StringComparer.Ordinal);
        var rows = Readme.Split('\n').Where(line => SettingsRow().IsMatch(line)).ToList();

        rows.Should().NotBeEmpty("the README shows the general settings");
        rows.Where(row => !generated.Contains(row)).Should().BeEmpty(
            "README rows must be copied from docs/configuration.md, which is generated from the declarations");
    }

    [Fact]
    public void Every_general_setting_appears_in_the_readme_table()
    {
        var general = SettingsCatalog.All.Where(d => !d.Variable.Contains("__", StringComparison.Ordinal)).Select(d => d.Variable);

        general.Should().OnlyContain(variable => Readme.Contains($"| `{variable}` |", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_ZD_name_the_readme_mentions_exists()
    {
        var known = SettingsCatalog.All.Select(d => d.Variable).Concat(SettingsCatalog.ToolVariables).Append("ZD_BENCHMARK")
            .Append("ZD_PROFIL") // the misspelling the README shows as an example of the error
            .ToList();
        var mentioned = VariableName().Matches(Readme).Select(m => m.Value).Distinct();

        // A name ending in "__" (as in ZD_TIMING__*) stands for a family of settings.
        mentioned.Where(name => name.EndsWith("__", StringComparison.Ordinal)
                ? !known.Any(k => k.StartsWith(name, StringComparison.Ordinal))
                : !known.Contains(name))
            .Should().BeEmpty();
    }

    [GeneratedRegex(@"^\| `ZD_[A-Z0-9_]+` \|")]
    private static partial Regex SettingsRow();

    [GeneratedRegex("ZD_[A-Z0-9_]*[A-Z0-9_]")]
    private static partial Regex VariableName();
}
