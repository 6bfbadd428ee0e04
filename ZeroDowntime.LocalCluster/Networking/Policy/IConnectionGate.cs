using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>The check a service proxy makes for every accepted connection once it has picked the backend.</summary>
public interface IConnectionGate
{
    /// <summary>The guard that holds <paramref name="client"/>'s connection to <paramref name="backend"/> while policy denies it.</summary>
    ConnectionGuard Open(Socket client, IPEndPoint backend);
}
