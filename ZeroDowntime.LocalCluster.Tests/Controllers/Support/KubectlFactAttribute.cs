using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Support;

/// <summary>A fact that is skipped, with the reason, when kubectl is not on PATH.</summary>
internal sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH; install kubectl v1.32 to run the kubectl conformance tests (CI has it).";
        }
    }
}
