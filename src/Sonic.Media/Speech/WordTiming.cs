namespace Sonic.Media.Speech;

/// <summary>One spoken word: its text as written and when it starts and ends in the synthesised audio, in seconds.</summary>
public sealed record WordTiming(string Text, double Start, double End);
