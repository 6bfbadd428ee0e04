namespace ZeroDowntime.Kubernetes;

/// <summary>Every item of a (paged) list, and the list's resourceVersion to watch from.</summary>
/// <param name="Items">The items, in the server's order.</param>
/// <param name="ResourceVersion">The resourceVersion of the first page (a consistent snapshot), or null.</param>
public sealed record ListedItems<T>(IReadOnlyList<T> Items, string? ResourceVersion);
