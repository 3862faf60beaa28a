import { z } from 'zod';

// Users read every validation message: zod's own messages in Simplified Chinese.
z.config(z.locales.zhCN());
