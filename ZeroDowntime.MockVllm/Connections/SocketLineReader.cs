using System.Net.Sockets;
using System.Text;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>Reads <c>\n</c>-terminated ASCII lines from a socket; null at the peer's FIN, a <see cref="SocketException"/> at a reset.</summary>
internal sealed class SocketLineReader(Socket socket)
{
    private readonly byte[] _buffer = new byte[512];
    private readonly StringBuilder _pending = new();

    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var text = _pending.ToString();
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0)
            {
                _pending.Remove(0, newline + 1);
                return text[..newline].TrimEnd('\r');
            }

            var read = await socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _pending.Append(Encoding.ASCII.GetString(_buffer, 0, read));
        }
    }
}
