using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class ConfigurationDocumentationTests
{
    private static readonly string DocumentPath = Path.Combine(SettingsTestSupport.RepositoryRoot(), "docs", "configuration.md");

    [Fact]
    public void The_configuration_document_matches_the_settings_declarations()
    {
        var expected = SettingsDocumentation.RenderMarkdown();
        if (Environment.GetEnvironmentVariable("ZD_REGENERATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DocumentPath)!);
            File.WriteAllText(DocumentPath, expected);
        }

        var actual = File.Exists(DocumentPath) ? File.ReadAllText(DocumentPath).ReplaceLineEndings("\n") : "";

        if (actual != expected)
        {
            Assert.Fail($"docs/configuration.md is out of date ({FirstDifference(expected, actual)}); " +
                        $"regenerate it with: {SettingsDocumentation.RegenerateCommand}");
        }
    }

    [Fact]
    public void The_staleness_message_points_at_the_first_changed_line()
    {
        FirstDifference("a\nb\nc\n", "a\nB\nc\n").Should().Be("line 2 should be 'b' but is 'B'");
        FirstDifference("a\nb", "a").Should().Be("line 2 should be 'b' but is missing");
        FirstDifference("", "x").Should().Be("line 1 should be '' but is 'x'");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var want = i < expectedLines.Length ? expectedLines[i] : null;
            var have = i < actualLines.Length ? actualLines[i] : null;
            if (want != have)
            {
                return $"line {i + 1} should be {(want is null ? "absent" : $"'{want}'")} but is {(have is null ? "missing" : $"'{have}'")}";
            }
        }

        return "no difference";
    }

    [Fact]
    public void The_document_lists_every_setting_with_both_defaults()
    {
        var markdown = SettingsDocumentation.RenderMarkdown();

        foreach (var descriptor in SettingsCatalog.All)
        {
            markdown.Should().Contain($"| `{descriptor.Variable}` |");
        }

        markdown.Should().Contain("| `ZD_TIMING__NODE_DRAIN__REPLACEMENT_READY_WITHIN` | `40s` | `10m` | a positive duration such as 500ms, 30s, 5m or 1m30s |");
        markdown.Should().Contain("| `ZD_PROFILE` | local if `ZD_CLUSTER=local`, else production | local if `ZD_CLUSTER=local`, else production | one of: local, production |");
        markdown.Should().Contain("| `ZD_TARGET__WORKERS__SELECTOR` | `ray.io/node-type=worker` | `ray.io/node-type=worker` |");
    }

    [Fact]
    public void Variable_names_are_unique_and_upper_snake_case()
    {
        var names = SettingsCatalog.All.Select(d => d.Variable).ToList();

        names.Should().OnlyHaveUniqueItems();
        names.Should().OnlyContain(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^ZD_[A-Z0-9]+(_{1,2}[A-Z0-9]+)*$"));
    }
}
