using System.Text;

namespace ZeroDowntime.MockVllm.Serving;

/// <summary>Deterministic stand-in for a model: the same prompt and max_tokens always give the same text, one word per token.</summary>
internal static class TextGenerator
{
    private static readonly string[] Vocabulary =
    [
        "the", "capital", "of", "france", "is", "paris", "a", "city", "on", "river", "seine", "known", "for", "its",
        "art", "museums", "and", "cafes", "model", "serves", "tokens", "while", "nodes", "drain", "gracefully", "under",
        "load", "cluster", "keeps", "answering", "requests", "with", "steady", "latency", "every", "replica", "stays",
        "ready", "head", "worker", "redis", "stores", "state", "across", "restarts", "so", "clients", "never", "notice",
    ];

    public static string Generate(string prompt, int maxTokens)
    {
        var seed = Fnv1a(prompt) ^ (uint)maxTokens;
        var text = new StringBuilder(maxTokens * 7);
        for (var i = 0; i < maxTokens; i++)
        {
            seed = (seed * 1664525u) + 1013904223u;
            var word = Vocabulary[(seed >> 8) % (uint)Vocabulary.Length];
            if (i > 0)
            {
                text.Append(' ');
                text.Append(word);
            }
            else
            {
                text.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
            }
        }
        return text.Append('.').ToString();
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
