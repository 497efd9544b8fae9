Console.WriteLine("engine sample: pending");
