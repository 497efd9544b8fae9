namespace Soakline.Pipeline.Spec;

public enum StrategyKind
{
    Canary,
    BlueGreen,
    Rolling,
}
