using k8s.Models;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// A label selector in query-string form (<c>a=b,c in (d,e),!f</c>, as the role settings hold it) as
/// <see cref="V1LabelSelectorRequirement"/>s, and their negation: what a NetworkPolicy needs to say
/// "every pod but these".
/// </summary>
public static class SelectorRequirements
{
    /// <summary>The requirements of <paramref name="selector"/>, one per comma-separated term.</summary>
    /// <exception cref="FormatException">A term is not a label requirement.</exception>
    public static IReadOnlyList<V1LabelSelectorRequirement> Parse(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return Cluster.SelectorMatcher.SplitRequirements(selector).Select(t => t.Trim()).Where(t => t.Length > 0).Select(ParseTerm).ToList();
    }

    /// <summary>The selector as a <see cref="V1LabelSelector"/> (equalities as matchLabels, the rest as matchExpressions).</summary>
    public static V1LabelSelector ToLabelSelector(string selector)
    {
        var requirements = Parse(selector);
        var once = requirements.GroupBy(r => r.Key).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var equal = requirements.Where(r => r.OperatorProperty == "In" && r.Values.Count == 1 && once.Contains(r.Key)).ToList();
        return new V1LabelSelector
        {
            MatchLabels = equal.Count == 0 ? null : equal.ToDictionary(r => r.Key, r => r.Values[0]),
            MatchExpressions = requirements.Except(equal).ToList() is { Count: > 0 } rest ? rest : null,
        };
    }

    /// <summary>
    /// The requirement that holds exactly when <paramref name="requirement"/> does not (<c>NotIn</c> also matches
    /// pods without the key, as the negation must). A pod fails a selector when it fails any one requirement.
    /// </summary>
    public static V1LabelSelectorRequirement Negate(V1LabelSelectorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var op = requirement.OperatorProperty switch
        {
            "In" => "NotIn",
            "NotIn" => "In",
            "Exists" => "DoesNotExist",
            "DoesNotExist" => "Exists",
            var other => throw new FormatException($"Unknown label selector operator '{other}'."),
        };
        return Requirement(requirement.Key, op, op is "In" or "NotIn" ? requirement.Values : null);
    }

    private static V1LabelSelectorRequirement ParseTerm(string term)
    {
        foreach (var (word, op) in new[] { (" notin ", "NotIn"), (" in ", "In") })
        {
            var at = term.IndexOf(word, StringComparison.Ordinal);
            if (at > 0 && term.IndexOf('(') > at && term.EndsWith(')'))
            {
                var values = term[(term.IndexOf('(') + 1)..^1].Split(',').Select(v => v.Trim()).ToList();
                return Requirement(term[..at].Trim(), op, values);
            }
        }

        if (term.Contains("!=", StringComparison.Ordinal))
        {
            var parts = term.Split("!=", 2);
            return Requirement(parts[0].Trim(), "NotIn", [parts[1].Trim()]);
        }

        if (term.Contains('='))
        {
            var parts = term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            return Requirement(parts[0].Trim(), "In", [parts[1].Trim()]);
        }

        if (term.Contains(' ') || term.Contains('(') || term.Length < 1)
        {
            throw new FormatException($"'{term}' is not a label requirement.");
        }

        return term.StartsWith('!') ? Requirement(term[1..].Trim(), "DoesNotExist") : Requirement(term, "Exists");
    }

    private static V1LabelSelectorRequirement Requirement(string key, string op, IList<string>? values = null) =>
        new() { Key = key, OperatorProperty = op, Values = values };
}
