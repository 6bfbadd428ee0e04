Console.Error.WriteLine("usage: up --manifests DIR --kubeconfig FILE [--nodes N]");
return 2;
