using System.Text;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>Derives a scenario's report key and display name from its PascalCase name.</summary>
public static class ScenarioNames
{
    /// <summary><c>NodeDrain</c> → <c>node_drain</c>; <c>HTTPCheck2</c> → <c>http_check2</c> (the seed's JSON names).</summary>
    public static string ToKey(string name) => string.Join('_', Words(name)).ToLowerInvariant();

    /// <summary><c>NodeDrain</c> → <c>Node Drain</c>.</summary>
    public static string ToDisplayName(string name) => string.Join(' ', Words(name));

    private static IEnumerable<string> Words(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                continue;
            }

            // A capital starts a word after a lowercase letter, or ends an acronym before a lowercase one (HTTPCheck).
            var startsWord = char.IsUpper(c) && word.Length > 0 &&
                             (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                yield return word.ToString();
                word.Clear();
            }

            word.Append(c);
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
