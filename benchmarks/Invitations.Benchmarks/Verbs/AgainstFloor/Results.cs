using System.Globalization;

namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>What one store's runs measured, per side and metric (one value per repetition).</summary>
internal sealed class Results
{
    private readonly Dictionary<(string Side, Metric Metric), List<double>> _values = [];

    public void Add(string side, Metric metric, double value)
    {
        if (!_values.TryGetValue((side, metric), out var list))
        {
            _values[(side, metric)] = list = [];
        }

        list.Add(value);
    }

    public double Median(string side, Metric metric)
    {
        var sorted = _values[(side, metric)].Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The median, with the range over the repetitions when there are several.</summary>
    public string Cell(string side, Metric metric, string format)
    {
        var values = _values[(side, metric)];
        var median = Median(side, metric).ToString(format, CultureInfo.InvariantCulture);
        return values.Count < 2 || metric is Metric.StatementsPerInvite or Metric.StatementsPerAccept or Metric.StatementsPerBulkInvite or Metric.CpuPerInviteSingle or Metric.CpuPerAcceptSingle or Metric.BytesPerInviteSingle or Metric.BytesPerAcceptSingle
            ? median
            : string.Create(CultureInfo.InvariantCulture, $"{median} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");
    }
}

internal enum Metric
{
    InvitesSingle,
    AcceptsSingle,
    InvitesConcurrent,
    AcceptsConcurrent,
    AcceptP50Concurrent,
    AcceptP99Concurrent,
    InvitesBulk,
    StatementsPerInvite,
    StatementsPerAccept,
    StatementsPerBulkInvite,
    CpuPerInviteSingle,
    CpuPerAcceptSingle,
    BytesPerInviteSingle,
    BytesPerAcceptSingle,
}
