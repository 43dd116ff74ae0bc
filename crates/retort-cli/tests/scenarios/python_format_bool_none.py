# 格式化输出：布尔值带格式说明时按整数格式化；None 不接受格式说明
done = True
print(f"[{done}] [{done:^8}] [{False:>3}] [{done!s:^8}] [{done:d}]")
print("{:<5}|{}".format(True, None))
print(f"{hex(255)} {oct(8)} {bin(5)} {hex(-42)}")
try:
    print(f"{None:>12}")
except TypeError as e:
    print("TypeError:", e)
try:
    print("{:>6}".format([1, 2]))
except TypeError as e:
    print("TypeError:", e)
print(f"{[1, 2]!s:>8}|")
