namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Evaluates a label selector string (<c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>) against labels.</summary>
public static class SelectorMatcher
{
    /// <summary>True when every requirement of <paramref name="selector"/> holds for <paramref name="labels"/>.</summary>
    public static bool Matches(string selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        foreach (var requirement in SplitRequirements(selector))
        {
            if (!Holds(requirement.Trim(), labels))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Holds(string r, IDictionary<string, string> labels)
    {
        if (r.Length == 0)
        {
            return true;
        }

        var set = r.IndexOf(" in ", StringComparison.Ordinal) is var i and > 0 ? (i, true)
            : r.IndexOf(" notin ", StringComparison.Ordinal) is var j and > 0 ? (j, false) : (-1, false);
        if (set.Item1 > 0)
        {
            var key = r[..set.Item1].Trim();
            var values = r[(r.IndexOf('(') + 1)..r.LastIndexOf(')')].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            var has = labels.TryGetValue(key, out var value);
            return set.Item2 ? has && values.Contains(value!) : !has || !values.Contains(value!);
        }

        if (r.Contains("!=", StringComparison.Ordinal))
        {
            var parts = r.Split("!=", 2);
            return !labels.TryGetValue(parts[0].Trim(), out var v) || v != parts[1].Trim();
        }

        if (r.Contains('='))
        {
            var parts = r.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            return labels.TryGetValue(parts[0].Trim(), out var v) && v == parts[1].Trim();
        }

        return r.StartsWith('!') ? !labels.ContainsKey(r[1..].Trim()) : labels.ContainsKey(r);
    }

    /// <summary>A label selector's requirements; commas inside <c>in (a,b)</c> do not separate requirements.</summary>
    internal static IEnumerable<string> SplitRequirements(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var k = 0; k < selector.Length; k++)
        {
            depth += selector[k] == '(' ? 1 : selector[k] == ')' ? -1 : 0;
            if (selector[k] == ',' && depth == 0)
            {
                yield return selector[start..k];
                start = k + 1;
            }
        }

        yield return selector[start..];
    }
}
