using Microsoft.Azure.Functions.Worker;

namespace ContinuousLoad.Functions.StreamLoad;

/// <summary>
/// The label sweep under the Functions host: a timer trigger every five minutes, which the host runs on one instance at a
/// time — often enough for labels kept three days and pre-commits timing out after minutes, rare enough not to keep an idle
/// Flex Consumption app awake every minute. The standalone host runs <see cref="LabelSweepService"/> every
/// <c>LabelCleanIntervalSecond</c> instead.
/// </summary>
public sealed class LabelSweepFunction(LabelSweep sweep)
{
    [Function("LabelSweep")]
    public Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, FunctionContext context) => sweep.RunAsync(context.CancellationToken);
}
