using System.Text.RegularExpressions;

namespace ZeroDowntime.LocalCluster.Controllers.Kubelet;

/// <summary>Glob matching for image names: <c>*</c> matches any run of characters, everything else literally.</summary>
public static class ImagePattern
{
    /// <summary>True when <paramref name="image"/> matches any of <paramref name="patterns"/>.</summary>
    public static bool MatchesAny(string image, IEnumerable<string> patterns) =>
        patterns.Any(p => Regex.IsMatch(image, "^" + string.Join(".*", p.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
