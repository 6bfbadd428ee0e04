using System.Globalization;

namespace ZeroDowntime.LocalCluster.Scheduling;

/// <summary>Orders node names with their trailing numbers compared as numbers (<c>zd-node-2</c> before <c>zd-node-10</c>).</summary>
public sealed class NodeNameComparer : IComparer<string?>
{
    /// <summary>The shared instance.</summary>
    public static NodeNameComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        var (prefixX, numberX) = Split(x ?? "");
        var (prefixY, numberY) = Split(y ?? "");
        var c = string.CompareOrdinal(prefixX, prefixY);
        return c != 0 ? c : numberX != numberY ? numberX.CompareTo(numberY) : string.CompareOrdinal(x, y);
    }

    private static (string Prefix, long Number) Split(string name)
    {
        var i = name.Length;
        while (i > 0 && char.IsAsciiDigit(name[i - 1]))
        {
            i--;
        }

        return i < name.Length && name.Length - i < 18
            ? (name[..i], long.Parse(name.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture))
            : (name, -1);
    }
}
