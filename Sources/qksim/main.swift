print("qksim")
