import Lane

print("lanegate 0.1.0")
