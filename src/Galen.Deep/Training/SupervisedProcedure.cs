using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Training;

/// <summary>
/// Supervised learning of one network under one objective: each step builds the batch, runs
/// the network, takes the objective's loss, and (when it is finite) back-propagates, clips and
/// steps the optimiser, all inside one dispose scope so no tensor outlives its step.
/// </summary>
/// <typeparam name="TBatch">What the network takes.</typeparam>
public sealed class SupervisedProcedure<TBatch> : ITrainingProcedure, IDisposable
{
    private const int ValidationBatch = 512;
    private readonly nn.Module<TBatch, Tensor> _network;
    private readonly TrainingObjective _objective;
    private readonly IBatchSource<TBatch> _train;
    private readonly TargetMatrix _trainTargets;
    private readonly IBatchSource<TBatch>? _validation;
    private readonly TargetMatrix? _validationTargets;
    private readonly Device _device;
    private readonly double? _clipNorm;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly optim.Optimizer _optimizer;

    /// <param name="network">The network, already on <paramref name="device"/>.</param>
    /// <param name="objective">Loss and prediction mapping.</param>
    /// <param name="train">Training samples.</param>
    /// <param name="trainTargets">Their targets.</param>
    /// <param name="validation">Validation samples, or null.</param>
    /// <param name="validationTargets">Their targets, or null.</param>
    /// <param name="optimizer">The optimiser's settings.</param>
    /// <param name="gradientClipNorm">Maximum global gradient norm, or null.</param>
    /// <param name="device">Where batches go.</param>
    public SupervisedProcedure(
        nn.Module<TBatch, Tensor> network,
        TrainingObjective objective,
        IBatchSource<TBatch> train,
        TargetMatrix trainTargets,
        IBatchSource<TBatch>? validation,
        TargetMatrix? validationTargets,
        OptimizerOptions optimizer,
        double? gradientClipNorm,
        Device device)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(trainTargets);
        ArgumentNullException.ThrowIfNull(optimizer);
        if ((validation is null) != (validationTargets is null))
        {
            throw new ArgumentException("Validation samples and validation targets come together.", nameof(validationTargets));
        }

        _network = network;
        _objective = objective;
        _train = train;
        _trainTargets = trainTargets;
        _validation = validation;
        _validationTargets = validationTargets;
        _device = device;
        _clipNorm = gradientClipNorm;
        _parameters = network.parameters().ToArray();
        _optimizer = optimizer.Create(_parameters);
        Modules = [new TrainedModule("network", network)];
        Optimizers = [new ScheduledOptimizer("optimizer", _optimizer, optimizer.LearningRate)];
        ValidationMetrics = Training.ValidationMetrics.For(objective.Schema.Kind);
    }

    public IReadOnlyList<string> LossNames { get; } = [MonitoredMetrics.Loss];

    public IReadOnlyList<TrainedModule> Modules { get; }

    public IReadOnlyList<ScheduledOptimizer> Optimizers { get; }

    public bool HasValidation => _validation is not null && _validation.Count > 0;

    public IReadOnlyList<string> ValidationMetrics { get; }

    public void TrainStep(ReadOnlySpan<int> rows, Span<double> losses)
    {
        using var scope = NewDisposeScope();
        var batch = _train.Batch(rows, _device);
        var targets = _objective.Targets(_trainTargets, rows, _device);
        var outputs = Forward(batch, rows.Length);
        var loss = _objective.Loss(outputs, targets);
        double value = loss.item<float>();
        losses[0] = value;
        if (!double.IsFinite(value))
        {
            return;
        }

        _optimizer.zero_grad();
        loss.backward();
        if (_clipNorm is { } norm)
        {
            nn.utils.clip_grad_norm_(_parameters, norm);
        }

        _optimizer.step();
    }

    public IReadOnlyDictionary<string, double> Validate(CancellationToken cancellationToken)
    {
        var source = _validation!;
        var targets = _validationTargets!;
        int width = _objective.Schema.Width;
        var predictions = new double[source.Count * width];
        double lossSum = 0;
        var rows = new int[Math.Min(ValidationBatch, source.Count)];
        using (no_grad())
        {
            for (int start = 0; start < source.Count; start += ValidationBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(ValidationBatch, source.Count - start);
                for (int i = 0; i < count; i++)
                {
                    rows[i] = start + i;
                }

                using var scope = NewDisposeScope();
                var span = rows.AsSpan(0, count);
                var outputs = Forward(source.Batch(span, _device), count);
                lossSum += _objective.Loss(outputs, _objective.Targets(targets, span, _device)).item<float>() * count;
                _objective.Predict(outputs, predictions.AsSpan(start * width, count * width));
            }
        }

        var metrics = new Dictionary<string, double> { [MonitoredMetrics.Loss] = lossSum / source.Count };
        Training.ValidationMetrics.Compute(targets, predictions, metrics);
        return metrics;
    }

    /// <summary>Runs the network and checks its head produced [batch, outputs].</summary>
    private Tensor Forward(TBatch batch, int size)
    {
        var outputs = _network.call(batch);
        if (outputs.dim() != 2 || outputs.shape[0] != size || outputs.shape[1] != _objective.Outputs)
        {
            throw new ShapeMismatchException(_network.GetName() + " output", [size, _objective.Outputs], outputs.shape);
        }

        return outputs;
    }

    public void Dispose() => _optimizer.Dispose();
}
