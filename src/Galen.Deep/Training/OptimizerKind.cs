namespace Galen.Deep.Training;

/// <summary>The optimisation algorithm that updates a network's weights.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with (optionally Nesterov) momentum; weight decay is an L2 term in the gradient.</summary>
    Sgd,

    /// <summary>Adam; weight decay is an L2 term in the gradient.</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter), the usual default for Transformers.</summary>
    AdamW,
}
