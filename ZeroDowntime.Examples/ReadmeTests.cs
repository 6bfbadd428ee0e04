using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace ZeroDowntime.Examples;

/// <summary>The README's "Writing your own scenario" shows this project's files exactly: they compile and run here.</summary>
public sealed partial class ReadmeTests
{
    private const string Section = "## Writing your own scenario";

    [Theory]
    [InlineData("ExamplesCollection.cs")]
    [InlineData("DeletePodBySelector.cs")]
    public void The_README_shows_the_example_file_as_it_is(string file)
    {
        var blocks = CodeBlocks(SectionOf(Resource("README.md")));

        blocks.Should().Contain(Normalize(Resource(file)), $"the README's code under \"{Section}\" must be {file} verbatim, so it never drifts from code that builds and passes");
    }

    [Fact]
    public void The_section_comes_right_after_the_scenarios_table()
    {
        var readme = Resource("README.md");

        readme.IndexOf(Section, StringComparison.Ordinal).Should().BeGreaterThan(readme.IndexOf("## The scenarios", StringComparison.Ordinal))
            .And.BeLessThan(readme.IndexOf("## The embedded cluster", StringComparison.Ordinal));
    }

    private static string SectionOf(string readme)
    {
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the README has a section \"{Section}\"");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    private static List<string> CodeBlocks(string markdown) =>
        CSharpBlock().Matches(markdown).Select(m => Normalize(m.Groups[1].Value)).ToList();

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
